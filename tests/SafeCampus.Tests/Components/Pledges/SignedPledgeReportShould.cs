using Bunit;
using SafeCampus.Web.Features.Pledges;

namespace SafeCampus.Tests.Components.Pledges;

/// <summary>A signed pledge as printed: the exact signed text, then the evidence and the verification code.</summary>
public sealed class SignedPledgeReportShould : ComponentTest
{
    private const string Text = "# 学校安全工作目标责任书\n\n为落实“谁主管、谁负责”的原则，签订本责任书。\n校长是学校安全工作第一责任人。\n\n<script>alert(1)</script>";
    private const string Sha = "3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea";

    private IRenderedComponent<SignedPledgeReport> RenderReport(string? drawing) => Render<SignedPledgeReport>(p => p
        .Add(c => c.Title, "2026年度学校安全工作目标责任书")
        .Add(c => c.Text, Text)
        .Add(c => c.SignerName, "王建国")
        .Add(c => c.SignerRole, "校长")
        .Add(c => c.SchoolName, "青山县第一中学")
        .Add(c => c.SignedAt, "2026-03-02 09:15")
        .Add(c => c.VersionNumber, 3)
        .Add(c => c.Ip, "10.1.2.3")
        .Add(c => c.Sha256, Sha)
        .Add(c => c.Code, "K7QX-29PD")
        .Add(c => c.VerifyUrl, "https://safecampus.example/pledges/verify?code=K7QX-29PD")
        .Add(c => c.Drawing, drawing)
        .Add(c => c.GeneratedAt, new DateTime(2026, 3, 2, 9, 20, 0)));

    [Fact]
    public void PrintTheSignedTextAsHeadingAndParagraphsWithMarkupEncoded()
    {
        var report = RenderReport(null);

        Assert.Equal("2026年度学校安全工作目标责任书", report.Find(".report-head h1").TextContent);
        Assert.Equal(["青山县第一中学", "生成时间：2026-03-02 09:20"], report.FindAll(".report-head .meta span").Select(s => s.TextContent));
        var pledge = report.Find("div.pledge");
        Assert.Equal("学校安全工作目标责任书", pledge.QuerySelector("h3")!.TextContent);
        var paragraphs = pledge.QuerySelectorAll("p");
        Assert.Equal(2, paragraphs.Length);
        Assert.Single(paragraphs[0].QuerySelectorAll("br"));
        Assert.Equal("为落实“谁主管、谁负责”的原则，签订本责任书。校长是学校安全工作第一责任人。", paragraphs[0].TextContent);
        Assert.Equal("<script>alert(1)</script>", paragraphs[1].TextContent); // shown as text, never run
        Assert.Empty(report.FindAll("script"));
    }

    [Fact]
    public void ListTheSignerTheEvidenceAndTheVerificationCode()
    {
        var report = RenderReport(null);

        var rows = report.FindAll("table.sig tr").Select(r => r.Children.Select(c => c.TextContent).ToArray()).ToList();
        Assert.Equal(["签署人", "王建国（校长）", "学校", "青山县第一中学"], rows[0]);
        Assert.Equal(["签署时间", "2026-03-02 09:15", "文本版本", "第 3 版"], rows[1]);
        Assert.Equal(["签署来源", "10.1.2.3"], rows[2]);
        Assert.Equal(["SHA-256", Sha], rows[3]);
        Assert.Equal("验证码", rows[4][0]);
        Assert.Equal("K7QX-29PD · 核验：https://safecampus.example/pledges/verify?code=K7QX-29PD", rows[4][1]);
        Assert.Equal("K7QX-29PD", report.Find("table.sig strong.mono").TextContent);
        Assert.Equal(5, rows.Count); // no drawn signature, no row for it
    }

    [Fact]
    public void AddTheDrawnSignatureWhenThereIsOne()
    {
        var report = RenderReport("M10 150 L120 40 L250 160");

        var last = report.FindAll("table.sig tr")[^1];
        Assert.Equal("手写签名", last.QuerySelector("th")!.TextContent);
        Assert.Equal("M10 150 L120 40 L250 160", last.QuerySelector("svg.drawn-signature path")!.GetAttribute("d"));
    }
}
