using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Infrastructure.Pdf;

namespace SafeCampus.Tests.Platform;

/// <summary>Reports render through Blazor's HtmlRenderer and print in the real Debian Chromium.</summary>
public sealed class PdfShould(PdfShould.Fixture app) : IClassFixture<PdfShould.Fixture>
{
    public sealed class Fixture : AppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Pdf:ChromiumPath", Browser.BrowserFixture.ChromiumPath);
        }
    }

    private static Dictionary<string, object?> Report(int rows) => new()
    {
        [nameof(ReportDocument.Title)] = "青山县中小学校三防建设统计表",
        [nameof(ReportDocument.Issuer)] = "青山县教育局",
        [nameof(ReportDocument.GeneratedAt)] = new DateTime(2026, 11, 26, 8, 30, 0),
        [nameof(ReportDocument.Landscape)] = true,
        [nameof(ReportDocument.ChildContent)] = (RenderFragment)(b =>
        {
            b.AddMarkupContent(0, "<table><thead><tr><th>学校</th><th class=\"num\">专职保安</th></tr></thead><tbody>");
            for (var i = 1; i <= rows; i++)
            {
                b.AddMarkupContent(1, $"<tr><td>第{i}小学</td><td class=\"num\">{i * 3}</td></tr>");
            }

            b.AddMarkupContent(2, "</tbody></table>");
        }),
    };

    [Fact]
    public async Task RenderAReportComponentToHtmlWithChineseNotEscaped()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var html = await scope.ServiceProvider.GetRequiredService<PdfReports>().RenderHtmlAsync<ReportDocument>(Report(2));

        // The frame's content is ReportDocumentShould's (bUnit); here, what PdfReports adds: the doctype, and the
        // app's encoder, which leaves Chinese as characters for Chromium.
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>青山县中小学校三防建设统计表</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<td>第2小学</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#x", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrintALongTableOnSeveralLandscapePagesWithHeaderRepeatedAndPageNumbers()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var pdf = await scope.ServiceProvider.GetRequiredService<PdfReports>()
            .RenderAsync<ReportDocument>(Report(120), new PdfOptions("青山县教育局 · 2026年11月", Landscape: true));

        await PdfText.KeepAsync(pdf, "platform-report");
        var pages = await PdfText.PagesAsync(pdf);
        Assert.True(pages >= 3, $"expected several pages, got {pages}");
        var text = await PdfText.ExtractAsync(pdf);
        Assert.Contains("青山县中小学校三防建设统计表", text, StringComparison.Ordinal);
        Assert.Contains("第120小学", text, StringComparison.Ordinal);
        Assert.Contains("360", text, StringComparison.Ordinal);
        Assert.Contains($"第{pages}页/共{pages}页", text.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        // thead repeats: the column header is printed once per page.
        Assert.Equal(pages, text.Split("专职保安").Length - 1);
    }

    [Fact]
    public async Task SayInChineseWhatIsMissingWhenChromiumIsNotInstalled()
    {
        var printer = new PdfPrinter(new PdfSettings { ChromiumPath = "/nonexistent/chromium" },
            Microsoft.Extensions.Logging.Abstractions.NullLogger<PdfPrinter>.Instance);
        await using var _ = printer;
        var ex = await Assert.ThrowsAsync<PdfUnavailableException>(() => printer.PrintAsync("<p>x</p>", new PdfOptions("x")));
        Assert.Contains("Chromium", ex.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y chromium", ex.Message, StringComparison.Ordinal);
    }
}
