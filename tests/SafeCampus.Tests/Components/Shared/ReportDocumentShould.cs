using Bunit;
using Microsoft.AspNetCore.Components;
using SafeCampus.Web.Infrastructure.Pdf;

namespace SafeCampus.Tests.Components.Shared;

/// <summary>The frame of every printed report (what PdfReports renders and Chromium prints).</summary>
public sealed class ReportDocumentShould : ComponentTest
{
    [Fact]
    public void FrameTheReportWithTitleIssuerGenerationTimeAndLandscapePage()
    {
        var report = Render<ReportDocument>(p => p
            .Add(c => c.Title, "青山县中小学校三防建设统计表")
            .Add(c => c.Issuer, "青山县教育局")
            .Add(c => c.GeneratedAt, new DateTime(2026, 11, 26, 8, 30, 0))
            .Add(c => c.Landscape, true)
            .Add(c => c.Styles, ".extra { color: red; }")
            .Add(c => c.ChildContent, (RenderFragment)(b => b.AddMarkupContent(0, "<table><tbody><tr><td>第1小学</td></tr></tbody></table>"))));

        Assert.Equal("zh-CN", report.Find("html").GetAttribute("lang"));
        Assert.Equal("青山县中小学校三防建设统计表", report.Find("title").TextContent);
        Assert.Equal("青山县中小学校三防建设统计表", report.Find(".report-head h1").TextContent);
        Assert.Equal(["青山县教育局", "生成时间：2026-11-26 08:30"], report.FindAll(".report-head .meta span").Select(s => s.TextContent));
        var css = report.Find("style").TextContent;
        Assert.Contains("size: A4 landscape", css, StringComparison.Ordinal);
        Assert.Contains(".extra { color: red; }", css, StringComparison.Ordinal);
        Assert.Equal("第1小学", report.Find("body > table td").TextContent);
    }

    [Fact]
    public void PrintPortraitWithoutATimeWhenNoneIsGiven()
    {
        var report = Render<ReportDocument>(p => p.Add(c => c.Title, "整改通知书").Add(c => c.Issuer, "青山县教育局"));

        Assert.Contains("size: A4 portrait", report.Find("style").TextContent, StringComparison.Ordinal);
        Assert.Equal(["青山县教育局"], report.FindAll(".report-head .meta span").Select(s => s.TextContent));
    }
}
