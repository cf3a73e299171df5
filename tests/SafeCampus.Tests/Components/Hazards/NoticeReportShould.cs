using Bunit;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Hazards;

namespace SafeCampus.Tests.Components.Hazards;

/// <summary>The rectification notice (整改通知书) as printed.</summary>
public sealed class NoticeReportShould : ComponentTest
{
    private static readonly NoticeModel Notice = new("青教安整〔2026〕12号", "青山县教育局", "青山县第一中学",
        new DateOnly(2026, 11, 10), "张伟、李娜", new DateOnly(2026, 11, 30), new DateOnly(2026, 11, 12),
        [
            new("教学楼东侧楼梯", "楼梯扶手松动", "设施设备", HazardGrade.General),
            new("食堂后厨", "燃气管道无泄漏报警装置", "消防安全", HazardGrade.Major),
        ]);

    [Fact]
    public void AddressTheSchoolWithTheNumberTheInspectionAndTheDeadline()
    {
        var report = Render<NoticeReport>(p => p.Add(c => c.Model, Notice));

        Assert.Equal("整改通知书", report.Find(".report-head h1").TextContent);
        Assert.Equal("青山县教育局", report.Find(".report-head .meta span").TextContent);
        Assert.Equal("青教安整〔2026〕12号", report.Find("p.number").TextContent);
        Assert.Equal("青山县第一中学：", report.Find("p.to").TextContent);
        var body = report.FindAll("p.body").Select(p => p.TextContent).ToList();
        Assert.StartsWith("2026年11月10日，我局检查组（张伟、李娜）对你校安全工作进行了检查，发现安全隐患 2 项（见下表）。", body[0], StringComparison.Ordinal);
        Assert.EndsWith("于 2026年11月30日 前整改完毕。", body[0], StringComparison.Ordinal);
        Assert.StartsWith("请于 2026年11月30日 前通过平安校园平台逐项提交整改情况", body[1], StringComparison.Ordinal);
        report.Find("p.sign").MarkupMatches("<p class=\"sign\">青山县教育局<br>2026年11月12日</p>");
    }

    [Fact]
    public void ListTheFindingsNumberedWithTheirGrade()
    {
        var report = Render<NoticeReport>(p => p.Add(c => c.Model, Notice));

        Assert.Equal(["序号", "隐患部位", "隐患描述", "类别", "等级"], report.FindAll("thead th").Select(th => th.TextContent));
        var rows = report.FindAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent).ToArray()).ToList();
        Assert.Equal(
            [
                ["1", "教学楼东侧楼梯", "楼梯扶手松动", "设施设备", "一般"],
                ["2", "食堂后厨", "燃气管道无泄漏报警装置", "消防安全", "重大"],
            ],
            rows);
        Assert.Contains("num", report.Find("tbody td").ClassList);
    }
}
