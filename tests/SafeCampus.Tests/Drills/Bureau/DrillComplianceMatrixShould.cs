using System.Net;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Drills;
using SafeCampus.Web.Features.Drills.Bureau;
using SafeCampus.Web.Features.Home;
using static SafeCampus.Web.Features.Drills.ComplianceState;

namespace SafeCampus.Tests.Drills.BureauSide;

/// <summary>
/// The compliance matrix of the demo city on Tuesday 2026-11-24, against states worked out by hand from the seeded
/// drills (listed in each test). Columns after the months: this semester's 消防疏散, 校车乘车安全, 夜间疏散 and the year's ≥4.
/// </summary>
public sealed class DrillComplianceMatrixShould(DemoDrillsFixture app) : IClassFixture<DemoDrillsFixture>
{
    private static ComplianceState? None => null;

    private async Task<ComplianceMatrix> MatrixAsync(string user, MatrixQuery? query = null)
    {
        await using var scope = await app.ScopeAsAsync(user);
        return await scope.ServiceProvider.GetRequiredService<DrillComplianceReport>().BuildAsync(query ?? new MatrixQuery(2026));
    }

    private static ComplianceState?[] Months(MatrixRow row) => row.Months.Select(c => c.State).ToArray();

    private static Dictionary<string, ComplianceState?> Extras(ComplianceMatrix m, MatrixRow row) =>
        m.Extras.Select((c, i) => (c.Label, row.Extras[i].State)).ToDictionary(x => x.Label, x => x.State);

    [Fact]
    public async Task ShowAKindergartensQuarterAcrossItsThreeMonths()
    {
        // 青山县机关幼儿园 in 2026: fire 03-16 accepted, bus 06-19 accepted, fire 09-24 accepted, bus 11-26 scheduled.
        // Quarterly rule: Q1, Q2, Q3 completed; Q4 has a scheduled drill and has not ended. No monthly rule.
        // Autumn semester: fire done, bus scheduled; no night evacuation (not boarding). Year: 3 accepted + 1 scheduled = 4.
        var m = await MatrixAsync("qs.safety");
        var row = m.Rows.Single(r => r.Name == "青山县机关幼儿园");

        Assert.Equal([Completed, Completed, Completed, Completed, Completed, Completed, Completed, Completed, Completed, Scheduled, Scheduled, Scheduled], Months(row));
        Assert.Equal(new Dictionary<string, ComplianceState?> { ["消防疏散"] = Completed, ["校车乘车安全"] = Scheduled, ["夜间疏散"] = None, ["≥4 次"] = Scheduled }, Extras(m, row));
        Assert.Equal($"/drills/school/{row.SchoolId}?period=2026-Q4", row.Months[10].Link);
    }

    [Fact]
    public async Task ShowABoardingSchoolMissingItsSeptemberAndFireDrill()
    {
        // 青山县第一中学 (boarding) in 2026: fire 03-24, bus 04-07, night 05-18, flood 06-12, intruder 10-20, bus 11-09,
        // all accepted; night 12-21 scheduled; nothing in September. Monthly rule counts March–June, September–December.
        var m = await MatrixAsync("qs.safety");
        var row = m.Rows.Single(r => r.Name == "青山县第一中学");

        Assert.Equal([None, None, Completed, Completed, Completed, Completed, None, None, Overdue, Completed, Completed, Scheduled], Months(row));
        // Autumn semester (Aug–Jan): no fire drill yet, bus done, night evacuation scheduled. Year: 6 accepted ≥ 4.
        Assert.Equal(new Dictionary<string, ComplianceState?> { ["消防疏散"] = NotScheduled, ["校车乘车安全"] = Completed, ["夜间疏散"] = Scheduled, ["≥4 次"] = Completed }, Extras(m, row));
        Assert.Null(row.Months[0].Link);
        Assert.Contains("无要求", row.Months[0].Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowAReturnedFilingAsScheduledUntilItsMonthEnds()
    {
        // 青山县城关第二小学: November's drill (11-16) was returned; the month has not ended, so the school can still refile.
        var m = await MatrixAsync("qs.safety");
        var row = m.Rows.Single(r => r.Name == "青山县城关第二小学");
        Assert.Equal(Scheduled, row.Months[10].State);
        Assert.Equal(NotStarted, row.Months[11].State);
    }

    [Fact]
    public async Task LinkACellAwaitingReviewToTheFiling()
    {
        var m = await MatrixAsync("yx.safety");
        var row = m.Rows.Single(r => r.Name == "云溪区凤鸣初级中学");
        var drill = app.Submitted["云溪区"].Single(d => d.SchoolId == row.SchoolId);
        Assert.Equal((AwaitingReview, $"/drills/review/{drill.Id}"), (row.Months[10].State, row.Months[10].Link));
    }

    [Fact]
    public async Task TurnTheMonthGreenOnceTheFilingIsAccepted()
    {
        var school = await app.SchoolAsync("云溪区实验中学");
        var drill = app.Submitted["云溪区"].Single(d => d.SchoolId == school.Id);
        Assert.Equal(AwaitingReview, (await MatrixAsync("yx.safety")).Rows.Single(r => r.SchoolId == school.Id).Months[10].State);

        await using (var scope = await app.ScopeAsAsync("yx.safety"))
        {
            await scope.ServiceProvider.GetRequiredService<DrillService>().AcceptAsync(drill.Id, "材料齐全。");
        }

        var after = (await MatrixAsync("yx.safety")).Rows.Single(r => r.SchoolId == school.Id);
        Assert.Equal(Completed, after.Months[10].State);
        Assert.Equal($"/drills/school/{school.Id}?period=2026-11", after.Months[10].Link);
    }

    [Fact]
    public async Task GroupTheCitysSchoolsByCountyAndShowACountyOnlyItsOwn()
    {
        var city = await MatrixAsync("city.safety");
        Assert.True(city.GroupByCounty);
        Assert.Equal(31, city.Rows.Count);
        Assert.Equal(["云溪区教育局", "青山县教育局"], city.Rows.Select(r => r.County).Distinct());

        var county = await MatrixAsync("qs.safety");
        Assert.False(county.GroupByCounty);
        Assert.Equal(16, county.Rows.Count);
        Assert.All(county.Rows, r => Assert.Equal("青山县教育局", r.County));
    }

    [Fact]
    public async Task FilterByKindAndByOverdue()
    {
        var kindergartens = await MatrixAsync("qs.safety", new MatrixQuery(2026, Kind: SchoolKind.Kindergarten));
        Assert.Equal(6, kindergartens.Rows.Count);
        Assert.All(kindergartens.Rows, r => Assert.Equal(SchoolKind.Kindergarten, r.Kind));

        var overdue = await MatrixAsync("qs.safety", new MatrixQuery(2026, OverdueOnly: true));
        Assert.NotEmpty(overdue.Rows);
        Assert.All(overdue.Rows, r => Assert.Contains(r.Months.Concat(r.Extras), c => c.State == Overdue));
        Assert.Equal(overdue.Figures.OverdueSchools, overdue.Rows.Count);
        Assert.Contains(overdue.Rows, r => r.Name == "青山县第一中学");
    }

    [Fact]
    public async Task CountTheHeadlineFiguresFromTheRowsAndTheDatabase()
    {
        var m = await MatrixAsync("qs.safety");
        var november = m.Rows.Select(r => r.Months[10].State).ToList();
        Assert.Equal(11, m.Figures.Month);
        Assert.Equal((november.Count(s => s == Completed), november.Count(s => s is not null)), (m.Figures.Compliant, m.Figures.Applicable));
        Assert.Equal(16, m.Figures.Applicable);

        await using var db = app.SystemDb();
        var county = await db.Bureaus.SingleAsync(b => b.ShortName == "青山县");
        var accepted = await db.Drills.Where(d => d.ScopePath.StartsWith(county.Path) && d.State == DrillState.Accepted && d.Date.Year == 2026).ToListAsync();
        Assert.Equal(accepted.Count, m.Figures.AcceptedDrills);
        Assert.Equal(accepted.Sum(d => (long)d.StudentsParticipating!.Value + d.StaffParticipating!.Value), m.Figures.Participants);
        Assert.Equal(accepted.Sum(d => (long)d.StudentsEnrolled!.Value + d.StaffEnrolled!.Value), m.Figures.Enrolled);
        var rate = (decimal)m.Figures.Participants / m.Figures.Enrolled;
        Assert.InRange(rate, 0.85m, 1m);
        Assert.Equal(await db.Drills.CountAsync(d => d.ScopePath.StartsWith(county.Path) && d.State == DrillState.Submitted), m.Figures.AwaitingReview);
    }

    [Fact]
    public async Task GiveTheBureauOverviewItsDrillHeadlines()
    {
        await using var scope = await app.ScopeAsAsync("qs.safety");
        var provider = scope.ServiceProvider.GetServices<IHeadlineProvider>().OfType<DrillHeadlines>().Single();
        var headlines = await provider.GetAsync(default);
        var m = await scope.ServiceProvider.GetRequiredService<DrillComplianceReport>().BuildAsync(new MatrixQuery(2026));

        var compliance = headlines.Single(h => h.Link == "/drills/compliance");
        Assert.Equal(("演练达标", $"{m.Figures.Compliant}/16"), (compliance.Label, compliance.Value));
        Assert.Contains($"{m.Figures.Compliant * 100m / 16:0.0} %", compliance.Detail, StringComparison.Ordinal);
        var review = headlines.Single(h => h.Link == "/drills/review");
        Assert.Equal(("待审核演练备案", m.Figures.AwaitingReview.ToString(System.Globalization.CultureInfo.InvariantCulture)), (review.Label, review.Value));

        var client = await app.LoginAsync("qs.safety");
        var home = await client.GetStringAsync("/");
        Assert.Contains("href=\"/drills/compliance\"", home, StringComparison.Ordinal);
        Assert.Contains("待审核演练备案", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderTheMatrixWithWordsNotJustColours()
    {
        var client = await app.LoginAsync("qs.safety");
        var html = await client.GetStringAsync("/drills/compliance?year=2026");
        var school = await app.SchoolAsync("青山县第一中学");

        var row = Regex.Match(html, $"<tr data-school=\"青山县第一中学\".*?</tr>", RegexOptions.Singleline).Value;
        Assert.Matches("data-col=\"m9\" data-state=\"Overdue\"><a class=\"mchip chip-red\" href=\"/drills/school/" + school.Id + "\\?period=2026-09\" title=\"2026年9月", row);
        Assert.Contains(">逾</a>", row, StringComparison.Ordinal);
        Assert.Contains(">已安排</a>", row, StringComparison.Ordinal);
        foreach (var legend in new[] { "已完成", "待审核", "已安排", "未安排", "已逾期", "未开始", "无要求" })
        {
            Assert.Contains(legend, html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("云溪区", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListASchoolsDrillsForAPeriodAndHideOtherCountiesSchools()
    {
        var school = await app.SchoolAsync("青山县第一中学");
        var client = await app.LoginAsync("qs.safety");
        var html = await client.GetStringAsync($"/drills/school/{school.Id}?period=2026-11");
        Assert.Contains("2026-11-09", html, StringComparison.Ordinal);
        Assert.DoesNotContain("2026-10-20", html, StringComparison.Ordinal);
        Assert.Contains("已验收", html, StringComparison.Ordinal);

        // The month's page also shows the semester and year requirements, counted over the whole semester and year.
        await using (var scope = await app.ScopeAsAsync("qs.safety"))
        {
            var period = DrillLabels.ParsePeriod("2026-11")!;
            var drills = await scope.ServiceProvider.GetRequiredService<DrillReviewQueries>().SchoolAsync(school.Id, period);
            var requirements = drills!.Requirements.Select(r => (r.Status.Period.Key, r.KindName, r.Status.State, r.Status.Accepted)).ToList();
            Assert.Equal([("2026", null, Completed, 6), ("2026-11", null, Completed, 1), ("2026-S2", "夜间疏散", Scheduled, 0),
                ("2026-S2", "校车乘车安全", Completed, 1), ("2026-S2", "消防疏散", NotScheduled, 0)],
                requirements.OrderBy(r => r.Key, StringComparer.Ordinal).ThenBy(r => r.KindName, StringComparer.Ordinal));
        }

        var other = await app.LoginAsync("yx.safety");
        var notFound = await other.GetAsync($"/drills/school/{school.Id}?period=2026-11");
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        var page = await notFound.Content.ReadAsStringAsync();
        Assert.Contains("您访问的页面不存在，或者您无权查看。", page, StringComparison.Ordinal);
        Assert.DoesNotContain(school.Name, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportTheSameRowsAndColumnsToExcel()
    {
        var client = await app.LoginAsync("qs.safety");
        var response = await client.GetAsync("/drills/compliance.xlsx?year=2026");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);

        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var doc = SpreadsheetDocument.Open(stream, false);
        var sheet = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single();
        Assert.Equal("2026年演练达标", sheet.Name!.Value);
        var rows = ((WorksheetPart)doc.WorkbookPart.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.InnerText).ToList()).ToList();

        Assert.Equal(["学校", "学校类型", "安全小区", "2026年1月", "2026年2月"], rows[0].Take(5));
        Assert.Equal(["2026年12月", "2026年秋季学期 消防疏散", "2026年秋季学期 校车乘车安全", "2026年秋季学期 夜间疏散", "2026年 ≥4 次"], rows[0].Skip(14));
        Assert.Equal(17, rows.Count);
        var kindergarten = rows.Single(r => r[0] == "青山县机关幼儿园");
        Assert.Equal(["青山县机关幼儿园", "幼儿园", "城关片区", "已完成"], kindergarten.Take(4));
        Assert.Equal(["已安排", "已安排", "已完成", "已安排", "无要求", "已安排"], kindergarten.Skip(13));
        var boarding = rows.Single(r => r[0] == "青山县第一中学");
        Assert.Equal(["高中·寄宿", "城关片区", "无要求", "无要求", "已完成"], boarding.Skip(1).Take(5));
        Assert.Equal("已逾期", boarding[3 + 8]);
    }
}
