using AngleSharp.Dom;
using Bunit;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Defences;
using F = SafeCampus.Web.Domain.DefenceFields;

namespace SafeCampus.Tests.Components.Defences;

/// <summary>
/// The 三防 statistics table the bureau page shows and the PDF prints, from a hand-made table (the numbers'
/// arithmetic is DefenceStatisticsShould's): 甲县 in November 2026 — 第一小学 accepted, 第二小学 late and short of
/// guards, 第一中学 missing.
/// </summary>
public sealed class DefenceStatisticsViewShould : ComponentTest
{
    private static readonly DateOnly November = new(2026, 11, 1);
    private static readonly Guid Primary1Return = Guid.Parse("0194f1a0-0000-7000-8000-000000000001");

    private static Dictionary<string, decimal> Values(decimal guards, decimal fullTime, decimal cameras, decimal wall, decimal alarm) => new(StringComparer.Ordinal)
    {
        [F.Guards] = guards, [F.FullTimeGuards] = fullTime, [F.Cameras] = cameras, [F.WallHeight] = wall, [F.OneKeyAlarm] = alarm,
    };

    private static DefenceStatisticsTable CountyTable()
    {
        var primary1 = new DefenceStatRow("甲县第一小学", null, Values(4, 4, 60, 2.2m, 1), 1, 1, 0, 0, DefenceReturnState.Accepted,
            ReturnId: Primary1Return, SchoolId: Guid.NewGuid());
        var primary2 = new DefenceStatRow("甲县第二小学", null, Values(5, 3, 100, 2.5m, 0), 1, 1, 1, 1, DefenceReturnState.Submitted,
            DefenceCheck.GuardRatio | DefenceCheck.Alarm, Guid.NewGuid(), Guid.NewGuid());
        var junior = new DefenceStatRow("甲县第一中学", null, new Dictionary<string, decimal>(), 1, 0, 0, 0, DefenceReturnState.Draft, SchoolId: Guid.NewGuid());
        var groups = new List<DefenceStatGroup>
        {
            new("小学", [primary1, primary2], new DefenceStatRow("小学小计", null, Values(9, 7, 160, 2.2m, 1), 2, 2, 1, 1)),
            new("初中", [junior], new DefenceStatRow("初中小计", null, new Dictionary<string, decimal>(), 1, 0, 0, 0)),
        };
        var failed = DefenceStandard.Checks.ToDictionary(c => c, c => c is DefenceCheck.GuardRatio or DefenceCheck.Alarm ? 1 : 0);
        return new DefenceStatisticsTable(Guid.NewGuid(), "甲县教育局", November, false, groups,
            new DefenceStatRow("合计", null, Values(9, 7, 160, 2.2m, 1), 3, 2, 1, 1), failed,
            [new(Guid.NewGuid(), "甲县第二小学", "甲县教育局")], [new(Guid.NewGuid(), "甲县第一中学", "甲县教育局")],
            DefenceStandard.Defaults(), new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.Zero));
    }

    private IRenderedComponent<DefenceStatisticsView> RenderView(DefenceStatisticsTable table, bool links = true, DefenceTrends? trends = null) =>
        Render<DefenceStatisticsView>(p => p.Add(c => c.Table, table).Add(c => c.Links, links).Add(c => c.Trends, trends));

    /// <summary>The cell of a field in a data row: after the name (th) and the state or reported column.</summary>
    private static string Cell(IElement row, string field) =>
        row.QuerySelectorAll("td")[1 + F.All.ToList().FindIndex(f => f.Key == field)].TextContent;

    [Fact]
    public void HeadTheTableWithTheMonthTheThreeDefencesAndTheHeadlineFigures()
    {
        var view = RenderView(CountyTable());

        Assert.Equal("甲县教育局中小学幼儿园“三防”建设情况统计表（2026年11月）", view.Find("h2.dstat-title").TextContent);
        Assert.Equal("填报单位：甲县教育局　统计月份：2026年11月　生成时间：2026-11-27 10:00", view.Find("[data-testid=meta]").TextContent);
        Assert.Equal("已报 2/3（66.7 %）", view.Find("[data-testid=figure-reported]").TextContent);
        Assert.Equal("全部达标 1/2（50.0 %）", view.Find("[data-testid=figure-compliant]").TextContent);
        Assert.Equal("迟报 1 所", view.Find("[data-testid=figure-late]").TextContent);
        Assert.Equal("未报 1 所", view.Find("[data-testid=figure-missing]").TextContent);

        var head = view.FindAll("[data-testid=stat-table] thead tr");
        Assert.Equal(
            [("学校", null), ("状态", null), ("人防", "11"), ("物防", "7"), ("技防", "9"), ("未达标项", null)],
            head[0].QuerySelectorAll("th").Select(th => (th.TextContent, th.GetAttribute("colspan"))));
        Assert.Equal(27, head[1].QuerySelectorAll("th").Length);
        Assert.Equal(["保安", "专职保安", "持证"], head[1].QuerySelectorAll("th").Take(3).Select(th => th.TextContent));
    }

    [Fact]
    public void ShowEachSchoolWithItsStateValuesAndFailedChecksGroupedByKind()
    {
        var view = RenderView(CountyTable());

        Assert.Equal(["小学", "初中"], view.FindAll("tr.group th").Select(th => th.TextContent));
        var rows = view.FindAll("tr[data-testid=row]");
        Assert.Equal(["甲县第一小学", "甲县第二小学", "甲县第一中学"], rows.Select(r => r.QuerySelector("th")!.TextContent.Trim()));

        Assert.Equal("已验收", rows[0].QuerySelectorAll("td")[0].TextContent);
        Assert.Equal(("4", "60", "2.2", "是"), (Cell(rows[0], F.Guards), Cell(rows[0], F.Cameras), Cell(rows[0], F.WallHeight), Cell(rows[0], F.OneKeyAlarm)));
        Assert.Equal("", rows[0].QuerySelector("td.dstat-flag")!.TextContent);

        Assert.Equal("待校长确认·迟报", rows[1].QuerySelectorAll("td")[0].TextContent);
        Assert.Equal("否", Cell(rows[1], F.OneKeyAlarm));
        Assert.Equal("保安比例、一键报警", rows[1].QuerySelector("td.dstat-flag")!.TextContent);

        // A draft is not a report: the school counts as missing and shows no numbers.
        Assert.Equal("未报", rows[2].QuerySelectorAll("td")[0].TextContent);
        Assert.Equal("—", Cell(rows[2], F.Guards));
    }

    [Fact]
    public void AddSubtotalsPerKindAndATotalWithSumsAndMinima()
    {
        var view = RenderView(CountyTable());

        var subtotals = view.FindAll("tr[data-testid=subtotal]");
        Assert.Equal(["小学小计", "初中小计"], subtotals.Select(r => r.QuerySelector("th")!.TextContent));
        Assert.Equal("2/2", subtotals[0].QuerySelectorAll("td")[0].TextContent);
        Assert.Equal(("9", "160", "2.2"), (Cell(subtotals[0], F.Guards), Cell(subtotals[0], F.Cameras), Cell(subtotals[0], F.WallHeight)));
        Assert.Equal("0/1", subtotals[1].QuerySelectorAll("td")[0].TextContent);

        var total = view.Find("tr[data-testid=total]");
        Assert.Equal("合计", total.QuerySelector("th")!.TextContent);
        Assert.Equal("2/3", total.QuerySelectorAll("td")[0].TextContent);
        Assert.Equal("9", total.QuerySelector($"td[data-field={F.Guards}]")!.TextContent);
        Assert.Equal("7", total.QuerySelector($"td[data-field={F.FullTimeGuards}]")!.TextContent);
        Assert.Equal("160", total.QuerySelector($"td[data-field={F.Cameras}]")!.TextContent);
        Assert.Equal("2.2", total.QuerySelector($"td[data-field={F.WallHeight}]")!.TextContent);
        Assert.Equal("1", total.QuerySelector($"td[data-field={F.OneKeyAlarm}]")!.TextContent); // schools with "yes"
        Assert.Equal("1", total.QuerySelectorAll("td")[^1].TextContent); // non-compliant schools
    }

    [Fact]
    public void CountFailuresPerStandardAndNameTheLateAndMissingSchools()
    {
        var view = RenderView(CountyTable());

        var checks = view.FindAll("[data-testid=compliance] tbody tr")
            .Select(r => (r.QuerySelector("th")!.TextContent, r.QuerySelector("td")!.TextContent)).ToList();
        Assert.Equal(6, checks.Count);
        Assert.Contains(("每个开放校门至少2名专职保安", "0"), checks);
        Assert.Contains(("师生超过1500人的，专职保安不少于2‰（寄宿制3‰）", "1"), checks);
        Assert.Contains(("围墙高度不低于2米且封闭管理", "0"), checks);
        Assert.Contains(("一键报警与公安110联网", "1"), checks);
        Assert.Equal(["迟报学校（1）", "甲县第二小学"], view.FindAll("[data-testid=late-list] > *").Select(e => e.TextContent));
        Assert.Equal(["未报学校（1）", "甲县第一中学"], view.FindAll("[data-testid=missing-list] > *").Select(e => e.TextContent));
    }

    [Fact]
    public void LinkSchoolsToTheirReturnsOnScreenButNotInPrint()
    {
        var screen = RenderView(CountyTable());
        var links = screen.FindAll("tr[data-testid=row] a");
        Assert.Equal(["甲县第一小学", "甲县第二小学"], links.Select(a => a.TextContent)); // the missing school has no return to open
        Assert.Equal($"/defences/returns/{Primary1Return}", links[0].GetAttribute("href"));

        Assert.Empty(RenderView(CountyTable(), links: false).FindAll("a"));
    }

    [Fact]
    public void ShowACityByCountyWithReportedCountsAndCountiesBesideMissingSchools()
    {
        var a = new DefenceStatRow("甲县教育局", null, Values(9, 7, 160, 2.2m, 1), 3, 2, 1, 1);
        var b = new DefenceStatRow("乙县教育局", null, Values(2, 2, 20, 1.8m, 1), 1, 1, 1, 0);
        var table = new DefenceStatisticsTable(Guid.NewGuid(), "测试市教育局", November, true, [new("", [a, b], null)],
            new DefenceStatRow("合计", null, Values(11, 9, 180, 1.8m, 2), 4, 3, 2, 1),
            DefenceStandard.Checks.ToDictionary(c => c, _ => 0), [], [new(Guid.NewGuid(), "甲县第一中学", "甲县教育局")],
            DefenceStandard.Defaults(), new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.Zero));

        var view = RenderView(table);

        Assert.Equal(["县（区）", "已报/学校数"], view.FindAll("[data-testid=stat-table] thead tr:first-child th").Take(2).Select(th => th.TextContent));
        Assert.Empty(view.FindAll("tr.group"));
        var rows = view.FindAll("tr[data-testid=row]");
        Assert.Equal(("乙县教育局", "1/1", "1.8", "1"), (rows[1].QuerySelector("th")!.TextContent.Trim(), rows[1].QuerySelectorAll("td")[0].TextContent,
            Cell(rows[1], F.WallHeight), rows[1].QuerySelectorAll("td")[^1].TextContent));
        Assert.Equal("1", Cell(rows[1], F.OneKeyAlarm)); // a count of schools, not 是
        Assert.Empty(view.FindAll("tr[data-testid=row] a")); // counties have no return to open
        Assert.Equal("无", view.Find("[data-testid=late-list] p").TextContent);
        Assert.Equal("甲县第一中学（甲县教育局）", view.Find("[data-testid=missing-list] p").TextContent);
        Assert.Equal("全部达标 1/3（33.3 %）", view.Find("[data-testid=figure-compliant]").TextContent);
    }

    [Fact]
    public void ShowTheMonthOnMonthChangeWithItsDirectionAndTheChart()
    {
        var points = Enumerable.Range(0, 12).Select(i => new DefenceTrendPoint(November.AddMonths(i - 11), i, i, 10 * i, 1, i % 2)).ToList();
        var trends = new DefenceTrends(November,
            new Dictionary<string, decimal> { [F.Guards] = 9, [F.Cameras] = 160, [F.OneKeyAlarm] = 1 },
            new Dictionary<string, decimal> { [F.Guards] = 3, [F.Cameras] = 200 },
            points);

        var view = RenderView(CountyTable(), trends: trends);

        Assert.Equal("近12个月变化", view.FindAll("h3").Single(h => h.TextContent.Contains("12", StringComparison.Ordinal)).TextContent);
        Assert.Equal(["项目", "2026年10月", "2026年11月", "环比增减"], view.FindAll("[data-testid=changes] thead th").Select(th => th.TextContent));
        IElement Row(string label) => view.FindAll("[data-testid=changes] tbody tr").Single(r => r.QuerySelector("th")!.TextContent == label);
        var guards = Row("人防 · 保安").QuerySelectorAll("td");
        Assert.Equal(("3", "9", "+6"), (guards[0].TextContent, guards[1].TextContent, guards[2].TextContent));
        Assert.Contains("dstat-up", guards[2].ClassList);
        var cameras = Row("技防 · 摄像头").QuerySelectorAll("td");
        Assert.Equal("-40", cameras[2].TextContent);
        Assert.Contains("dstat-down", cameras[2].ClassList);
        Assert.Equal(("—", "—"), (Row("技防 · 一键报警").QuerySelectorAll("td")[0].TextContent, Row("技防 · 一键报警").QuerySelectorAll("td")[2].TextContent));
        Assert.Equal(12, view.FindAll("[data-testid=trend-chart] svg g text").Count); // one label per month

        Assert.Empty(RenderView(CountyTable()).FindAll("[data-testid=changes], [data-testid=trend-chart]"));
    }

    [Fact]
    public void PrintTheSameViewInsideTheReportFrame()
    {
        var pdf = Render<DefenceStatisticsPdf>(p => p.Add(c => c.Table, CountyTable()));

        Assert.Equal("甲县教育局中小学幼儿园“三防”建设情况统计表（2026年11月）", pdf.Find(".report-head h1").TextContent);
        Assert.Contains("size: A4 landscape", pdf.Find("style").TextContent, StringComparison.Ordinal);
        Assert.Contains(".dstat-table { border-collapse: collapse;", pdf.Find("style").TextContent, StringComparison.Ordinal); // the page's stylesheet, inlined
        Assert.Equal(3, pdf.FindAll("tr[data-testid=row]").Count);
        Assert.Empty(pdf.FindAll("a"));
    }
}
