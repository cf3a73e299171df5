using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace SafeCampus.Web.Infrastructure.Pdf;

/// <summary>
/// Turns a Razor report component into a PDF: Blazor's <see cref="HtmlRenderer"/> renders it to an HTML string (the same
/// component a page shows on screen), and <see cref="PdfPrinter"/> prints it. A report component carries its own
/// &lt;style&gt; (write <c>@@page</c> for CSS @page); <c>thead</c> repeats on every page.
/// </summary>
public sealed class PdfReports(IServiceProvider services, ILoggerFactory loggers, PdfPrinter printer)
{
    public async Task<string> RenderHtmlAsync<TComponent>(IDictionary<string, object?> parameters) where TComponent : IComponent
    {
        await using var renderer = new HtmlRenderer(services, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return "<!DOCTYPE html>" + output.ToHtmlString();
        });
    }

    public async Task<byte[]> RenderAsync<TComponent>(IDictionary<string, object?> parameters, PdfOptions options, CancellationToken ct = default)
        where TComponent : IComponent
    {
        var html = await RenderHtmlAsync<TComponent>(parameters);
        return await printer.PrintAsync(html, options, ct);
    }
}

public static class PdfSetup
{
    public static WebApplicationBuilder AddPdf(this WebApplicationBuilder builder)
    {
        var settings = new PdfSettings();
        builder.Configuration.GetSection("Pdf").Bind(settings);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<PdfPrinter>();
        builder.Services.AddScoped<PdfReports>();
        return builder;
    }
}
