using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Hazards;

namespace SafeCampus.Tests.Hazards;

/// <summary>Bureau inspections: findings become hazards; notices are numbered per bureau and year without gaps or duplicates.</summary>
public sealed class NoticeShould(NoticeShould.Fixture app) : IClassFixture<NoticeShould.Fixture>
{
    public sealed class Fixture : HazardFixture
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Pdf:ChromiumPath", Browser.BrowserFixture.ChromiumPath);
        }
    }

    private async Task<Guid> InspectionWithFindingAsync(School school, string officer = Officer, string finding = "实验室危化品未双人双锁")
    {
        await using var scope = await app.ScopeAsAsync(officer);
        var service = scope.ServiceProvider.GetRequiredService<InspectionService>();
        var inspection = await service.RecordAsync(school.Id, HazardFixture.Today, "陈晓燕、刘军", "秋季开学安全检查");
        await service.AddFindingAsync(inspection.Id, new HazardReport("化学实验室", finding, "教育教学设施与危化品", HazardGrade.General, HazardFixture.Today, "陈晓燕"), [HazardFixture.Photo()]);
        return inspection.Id;
    }

    private const string Officer = HazardFixture.Officer;

    private async Task<RectificationNotice> IssueAsync(Guid inspection, DateOnly? deadline = null, string officer = Officer)
    {
        await using var scope = await app.ScopeAsAsync(officer);
        return await scope.ServiceProvider.GetRequiredService<InspectionService>().IssueNoticeAsync(inspection, deadline ?? HazardFixture.Today.AddDays(15));
    }

    [Fact]
    public async Task NumberConcurrentNoticesWithoutDuplicatesOrGapsAndSkipNoNumberWhenOneFails()
    {
        app.Clock.Set(HazardFixture.Now);
        var inspections = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            inspections.Add(await InspectionWithFindingAsync(app.Org.YunxiKindergarten, "yx.admin"));
        }

        var failed = await Assert.ThrowsAsync<DomainException>(() => IssueAsync(inspections[0], HazardFixture.Today.AddDays(-1), "yx.admin"));
        Assert.Equal("Hazards.DeadlineBeforeFinding", failed.Code);
        var notices = await Task.WhenAll(inspections.Select(i => Task.Run(() => IssueAsync(i, officer: "yx.admin"))));

        Assert.Equal(Enumerable.Range(1, 8), notices.Select(n => n.Sequence).Order());
        Assert.Equal(Enumerable.Range(1, 8).Select(n => $"云教安整〔2026〕{n}号"), notices.Select(n => n.Number).Order(StringComparer.Ordinal).OrderBy(n => n.Length));
        var again = await Assert.ThrowsAsync<DomainException>(() => IssueAsync(inspections[3], officer: "yx.admin"));
        Assert.Equal("Hazards.NoticeExists", again.Code);
        await using var check = app.SystemContext();
        Assert.Equal(9, await check.NoticeCounters.Where(c => c.BureauId == app.Org.Yunxi.Id && c.Year == 2026).Select(c => c.Next).SingleAsync());
    }

    [Fact]
    public async Task PrintTheNoticeWithItsNumberSchoolFindingsAndDeadline()
    {
        app.Clock.Set(HazardFixture.Now);
        var inspection = await InspectionWithFindingAsync(app.Org.QingshanFirstMiddle, finding: "消防通道被自行车堵塞");
        var notice = await IssueAsync(inspection, new DateOnly(2026, 12, 10));

        await using var scope = await app.ScopeAsAsync(HazardFixture.Director);
        var pdf = await scope.ServiceProvider.GetRequiredService<NoticeDocuments>().PdfAsync(notice.Id);
        Assert.NotNull(pdf);
        await PdfText.KeepAsync(pdf.Value.Bytes, "hazard-notice");
        var text = Flatten(await PdfText.ExtractAsync(pdf.Value.Bytes));
        Assert.Contains("整改通知书", text, StringComparison.Ordinal);
        Assert.Contains(Flatten(notice.Number), text, StringComparison.Ordinal);
        Assert.Contains("青山县第一中学：", text, StringComparison.Ordinal);
        Assert.Contains("消防通道被自行车堵塞", text, StringComparison.Ordinal);
        Assert.Contains("2026年12月10日前整改完毕", text, StringComparison.Ordinal);
        Assert.Contains("青山县教育局", text, StringComparison.Ordinal);

        await using var other = await app.ScopeAsAsync("qssx.director");
        Assert.Null(await other.ServiceProvider.GetRequiredService<NoticeDocuments>().PdfAsync(notice.Id));
    }

    [Fact]
    public async Task LetTheSchoolReplyPerFindingAndOnlyTheBureauAcceptIt()
    {
        app.Clock.Set(HazardFixture.Now);
        var inspection = await InspectionWithFindingAsync(app.Org.QingshanFirstMiddle);
        await IssueAsync(inspection);
        await using var db = app.SystemContext();
        var finding = await db.Hazards.SingleAsync(h => h.InspectionId == inspection);
        Assert.Equal((HazardSource.BureauInspection, HazardState.Reported), (finding.Source, finding.State));
        Assert.NotNull(finding.NoticeId);

        await app.PlanAsync(finding.Id);
        await app.RectifyAsync(finding.Id);
        var principal = await Assert.ThrowsAsync<DomainException>(() => app.AsAsync(HazardFixture.Principal, finding.Id, (s, v) => s.AcceptAsync(finding.Id, v, null)));
        Assert.Equal("Hazards.BureauAccepts", principal.Code);
        await app.AsAsync(Officer, finding.Id, (s, v) => s.AcceptAsync(finding.Id, v, "复查合格"));
        Assert.Equal(HazardState.Accepted, (await app.LoadAsync(finding.Id)).State);
    }

    [Fact]
    public async Task NotLetASchoolOrAnotherCountyRecordAnInspection()
    {
        await using (var scope = await app.ScopeAsAsync(HazardFixture.Director))
        {
            var error = await Assert.ThrowsAsync<DomainException>(() => scope.ServiceProvider.GetRequiredService<InspectionService>()
                .RecordAsync(app.Org.QingshanFirstMiddle.Id, HazardFixture.Today, "自己", null));
            Assert.Equal("Hazards.BureauOnly", error.Code);
        }

        await using (var scope = await app.ScopeAsAsync("yx.safety"))
        {
            await Assert.ThrowsAsync<HazardNotFoundException>(() => scope.ServiceProvider.GetRequiredService<InspectionService>()
                .RecordAsync(app.Org.QingshanFirstMiddle.Id, HazardFixture.Today, "云溪", null));
        }

        await using var db = app.SystemContext();
        Assert.False(await db.Inspections.AnyAsync(i => i.Team == "自己" || i.Team == "云溪"));
    }

    [Fact]
    public async Task NameTheInspectionDateWhenItIsInTheFuture()
    {
        var client = await app.LoginAsync(HazardFixture.Officer);
        var response = await client.PostFormAsync("/hazards/inspections", "inspection", new()
        {
            ["Input.School"] = app.Org.QingshanFirstMiddle.Id.ToString(),
            ["Input.Date"] = HazardFixture.Today.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Team"] = "未来检查组",
        });

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        // The error sits under the inspection-date field and speaks of the inspection date, not a hazard's "found" date.
        Assert.Matches("id=\"date\"[^>]*>\\s*<div class=\"error\">检查日期不能晚于今天", html);
        Assert.DoesNotContain("发现日期", Forms.ErrorText(html), StringComparison.Ordinal);
        await using var db = app.SystemContext();
        Assert.False(await db.Inspections.AnyAsync(i => i.Team == "未来检查组"));
    }

    private static string Flatten(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
