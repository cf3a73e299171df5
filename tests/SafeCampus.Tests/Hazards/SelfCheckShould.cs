using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Hazards;
using SafeCampus.Web.Features.Home;

namespace SafeCampus.Tests.Hazards;

/// <summary>Self-checks through the use case: hazards from "hazard" answers, one per period, overdue on the to-do list.</summary>
public sealed class SelfCheckShould : IClassFixture<HazardFixture>
{
    private readonly HazardFixture _app;

    public SelfCheckShould(HazardFixture app)
    {
        _app = app;
        _app.Clock.Set(HazardFixture.Now);
    }

    private static List<SelfCheckInput> AllOk(ChecklistTemplate t) =>
        t.Items.Select(i => new SelfCheckInput(i.Id, CheckResult.Ok, null, [])).ToList();

    [Fact]
    public async Task OfferTheDefaultChecklistOfElevenAreasAndFiftyFiveItems()
    {
        var checklist = await _app.ChecklistAsync();
        Assert.Equal(55, checklist.Items.Count);
        Assert.Equal(11, checklist.Areas.Count());
        Assert.Contains("消防安全", checklist.Areas);
        Assert.Contains(checklist.Items, i => i.Text.Contains("双人双锁", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TurnEachHazardAnswerIntoALedgerHazardLinkedToItsItem()
    {
        var checklist = await _app.ChecklistAsync();
        var answers = AllOk(checklist);
        var fire = checklist.Items.First(i => i.Area == "消防安全");
        var gas = checklist.Items.First(i => i.Area == "用电用气");
        answers[answers.FindIndex(a => a.ItemId == fire.Id)] = new(fire.Id, CheckResult.Hazard, "三楼灭火器过期 2 具", [HazardFixture.Photo()]);
        answers[answers.FindIndex(a => a.ItemId == gas.Id)] = new(gas.Id, CheckResult.Hazard, "配电箱未上锁", []);
        answers[2] = answers[2] with { Result = CheckResult.NotApplicable };

        SelfCheck check;
        await using (var scope = await _app.ScopeAsAsync("qssx.director"))
        {
            check = await scope.ServiceProvider.GetRequiredService<SelfCheckService>().SubmitAsync(checklist.Id, answers);
        }

        await using var db = _app.SystemContext();
        var stored = await db.SelfChecks.AsNoTracking().SingleAsync(c => c.Id == check.Id);
        var hazards = await db.Hazards.AsNoTracking().Include(h => h.Photos).Where(h => h.SelfCheckId == check.Id).OrderBy(h => h.Area).ToListAsync();
        Assert.Equal(("2026-11b", 2, 55), (stored.PeriodKey, stored.HazardCount, stored.Answers.Count));
        Assert.Equal(["消防安全", "用电用气"], hazards.Select(h => h.Area).Order());
        Assert.All(hazards, h => Assert.Equal((HazardSource.SelfCheck, HazardState.Reported, "马强"), (h.Source, h.State, h.FoundBy)));
        Assert.Single(hazards.Single(h => h.Area == "消防安全").Photos);
        Assert.Equal(hazards.Select(h => (Guid?)h.Id).Order(), stored.Answers.Where(a => a.HazardId != null).Select(a => a.HazardId).Order());
    }

    [Fact]
    public async Task RefuseAnIncompleteCheckAHazardWithoutNoteAndASecondCheckOfThePeriod()
    {
        var checklist = await _app.ChecklistAsync();
        await using var scope = await _app.ScopeAsAsync("yxyey.director");
        var service = scope.ServiceProvider.GetRequiredService<SelfCheckService>();

        var missing = await Assert.ThrowsAsync<DomainException>(() => service.SubmitAsync(checklist.Id, AllOk(checklist).Skip(1).ToList()));
        Assert.Equal("Hazards.SelfCheckIncomplete", missing.Code);
        var noNote = AllOk(checklist);
        noNote[0] = noNote[0] with { Result = CheckResult.Hazard };
        Assert.Equal("Hazards.HazardNeedsNote", (await Assert.ThrowsAsync<DomainException>(() => service.SubmitAsync(checklist.Id, noNote))).Code);

        await service.SubmitAsync(checklist.Id, AllOk(checklist));
        var again = await Assert.ThrowsAsync<DomainException>(() => service.SubmitAsync(checklist.Id, AllOk(checklist)));
        Assert.Equal("Hazards.AlreadyChecked", again.Code);
        await using var db = _app.SystemContext();
        Assert.Equal(1, await db.SelfChecks.CountAsync(c => c.SchoolId == _app.Org.YunxiKindergarten.Id));
    }

    [Fact]
    public async Task RefuseASelfCheckByStaffOrABureauOfficer()
    {
        var checklist = await _app.ChecklistAsync();
        foreach (var user in new[] { HazardFixture.Teacher, HazardFixture.Officer })
        {
            await using var scope = await _app.ScopeAsAsync(user);
            await Assert.ThrowsAnyAsync<Exception>(() => scope.ServiceProvider.GetRequiredService<SelfCheckService>().SubmitAsync(checklist.Id, AllOk(checklist)));
        }

        await using var db = _app.SystemContext();
        Assert.False(await db.SelfChecks.AnyAsync(c => c.SchoolId == _app.Org.QingshanFirstMiddle.Id));
    }

    [Fact]
    public async Task ShowAMissedPeriodAsOverdueOnTheToDoListAndTheOverview()
    {
        await using (var scope = await _app.ScopeAsAsync(HazardFixture.Principal))
        {
            var todos = await scope.ServiceProvider.GetServices<ITodoProvider>().OfType<HazardTodos>().Single()
                .GetAsync(Principal("Principal"), CancellationToken.None);
            Assert.Contains(todos, t => t.Title == "2026年11月上半月安全自查" && t.StateText == "已逾期" && t.Tone == "red");
            Assert.Contains(todos, t => t.Title == "2026年11月下半月安全自查" && t.Due == new DateOnly(2026, 11, 30));
        }

        await using (var scope = await _app.ScopeAsAsync(HazardFixture.Officer))
        {
            var lines = await scope.ServiceProvider.GetRequiredService<SelfCheckStatus>().LinesAsync();
            var line = lines.Single(l => l.SchoolId == _app.Org.QingshanFirstMiddle.Id);
            Assert.True(line.PreviousOverdue);
            Assert.Equal(16, lines.Count);
        }
    }

    [Fact]
    public async Task FollowABureauRuleOfOneSelfCheckAMonth()
    {
        await using (var scope = await _app.ScopeAsAsync("yx.admin"))
        {
            await scope.ServiceProvider.GetRequiredService<HazardSettingsAdmin>().SaveSettingsAsync(1, 5, "云教安整");
        }

        await using var officer = await _app.ScopeAsAsync("yx.safety");
        var lines = await officer.ServiceProvider.GetRequiredService<SelfCheckStatus>().LinesAsync();
        Assert.All(lines, l => Assert.Equal(("2026-11", "2026-10"), (l.Current.Key, l.Previous.Key)));
        var rules = await officer.ServiceProvider.GetRequiredService<HazardRules>().ForAsync(_app.Org.YunxiKindergarten.ScopePath);
        Assert.Equal((1, 5, "云教安整"), (rules.SelfChecksPerMonth, rules.BureauAlertDays, rules.NoticePrefix));
    }

    private static ClaimsPrincipal Principal(string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Role, role)], "test"));
}
