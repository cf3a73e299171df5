using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Infrastructure.Pdf;

namespace SafeCampus.Tests.Platform;

/// <summary>
/// Chinese names use CJK Extension B characters (𠀀 U+20000, 𪚥 U+2A6A5) that the main font lacks: every report
/// prints them with a fallback font instead of empty boxes.
/// </summary>
public sealed class PdfFontsShould(PdfShould.Fixture app) : IClassFixture<PdfShould.Fixture>
{
    [Fact]
    public async Task PrintExtensionBCharactersOfANameWithAFontThatHasThem()
    {
        const string name = "王𠀀𪚥";
        await using var scope = app.Services.CreateAsyncScope();
        var pdf = await scope.ServiceProvider.GetRequiredService<PdfReports>().RenderAsync<ReportDocument>(new Dictionary<string, object?>
        {
            [nameof(ReportDocument.Title)] = "安全责任书签署记录",
            [nameof(ReportDocument.Issuer)] = "青山县教育局",
            [nameof(ReportDocument.GeneratedAt)] = new DateTime(2026, 12, 3, 9, 0, 0),
            [nameof(ReportDocument.ChildContent)] = (RenderFragment)(b => b.AddMarkupContent(0, $"<p>签署人：{name}</p>")),
        }, new PdfOptions("青山县教育局"));

        await PdfText.KeepAsync(pdf, "platform-extension-b");
        Assert.Contains(name, await PdfText.ExtractAsync(pdf), StringComparison.Ordinal);
        var fonts = await PdfText.FontsAsync(pdf);
        Assert.Contains("WenQuanYiMicroHei", fonts);
        Assert.Contains("HanaMinB", fonts);
    }
}
