using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Hazards;
using SafeCampus.Web.Features.Home;

namespace SafeCampus.Tests.Hazards;

/// <summary>Special campaigns: the bureau launches one, schools answer it like a self-check, the bureau follows it.</summary>
public sealed class HazardCampaignsShould : IClassFixture<HazardFixture>
{
    private readonly HazardFixture _app;

    public HazardCampaignsShould(HazardFixture app)
    {
        _app = app;
        _app.Clock.Set(HazardFixture.Now);
    }

    private async Task<HazardCampaign> LaunchAsync(string name, params Guid[] schools)
    {
        var checklist = await _app.ChecklistAsync();
        await using var scope = await _app.ScopeAsAsync(HazardFixture.Officer);
        return await scope.ServiceProvider.GetRequiredService<CampaignService>().CreateAsync(
            new CampaignSpec(name, checklist.Id, CampaignScope.Picked, null, schools, HazardFixture.Today, HazardFixture.Today.AddDays(20)));
    }

    private static List<SelfCheckInput> Answers(ChecklistTemplate t, string? hazardNote = null) =>
        t.Items.OrderBy(i => i.SortOrder).Select((i, n) => n == 0 && hazardNote is not null
            ? new SelfCheckInput(i.Id, CheckResult.Hazard, hazardNote, [HazardFixture.Photo()])
            : new SelfCheckInput(i.Id, CheckResult.Ok, null, [])).ToList();

    [Fact]
    public async Task TurnACampaignHazardAnswerIntoABureauAcceptedHazardAndShowTheBureauWhoIsDone()
    {
        var org = _app.Org;
        var campaign = await LaunchAsync("冬春防火专项检查", org.QingshanFirstMiddle.Id, org.QingshanPrimary.Id);
        Assert.Equal(2, campaign.SchoolCount);
        var checklist = await _app.ChecklistAsync();

        await using (var scope = await _app.ScopeAsAsync(HazardFixture.Director))
        {
            var todos = await scope.ServiceProvider.GetServices<ITodoProvider>().OfType<HazardTodos>().Single()
                .GetAsync(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, "SafetyDirector")], "test")), CancellationToken.None);
            Assert.Contains(todos, t => t.Title == "专项检查：冬春防火专项检查" && t.Link == $"/hazards/campaigns/{campaign.Id}");
            await scope.ServiceProvider.GetRequiredService<SelfCheckService>().SubmitCampaignAsync(campaign.Id, Answers(checklist, "厨房灭火毯缺失"));
        }

        await using (var db = _app.SystemContext())
        {
            var hazard = await db.Hazards.AsNoTracking().Include(h => h.Photos).SingleAsync(h => h.CampaignId == campaign.Id);
            Assert.Equal((HazardSource.Campaign, org.QingshanFirstMiddle.Id, true), (hazard.Source, hazard.SchoolId, hazard.NeedsBureauAcceptance));
            Assert.Single(hazard.Photos);
            var check = await db.SelfChecks.AsNoTracking().SingleAsync(c => c.CampaignId == campaign.Id);
            Assert.Equal(SelfCheck.CampaignPeriodKey, check.PeriodKey);
        }

        await using (var scope = await _app.ScopeAsAsync(HazardFixture.Officer))
        {
            var view = await scope.ServiceProvider.GetRequiredService<CampaignQueries>().ViewAsync(campaign.Id);
            Assert.NotNull(view);
            Assert.Equal(1, view.Schools.Count(s => s.DoneAt is not null));
            Assert.Equal((1, 1), (view.Schools.Single(s => s.SchoolId == org.QingshanFirstMiddle.Id).Hazards, view.States.Sum(s => s.Count)));
            var ledger = await scope.ServiceProvider.GetRequiredService<HazardQueries>().LedgerAsync(new LedgerFilter(Campaign: campaign.Id), 1, 50);
            Assert.Equal(1, ledger.Total);
            var list = await scope.ServiceProvider.GetRequiredService<CampaignQueries>().ListAsync();
            Assert.Contains(list, r => r.Id == campaign.Id && r.Done == 1 && r.Hazards == 1 && r.Schools == 2);
        }

        // The periodic self-check of the same half-month is still open: the campaign answer is not a self-check of the period.
        await using (var scope = await _app.ScopeAsAsync(HazardFixture.Director))
        {
            await scope.ServiceProvider.GetRequiredService<SelfCheckService>().SubmitAsync(checklist.Id, Answers(checklist));
        }
    }

    [Fact]
    public async Task RefuseBadCampaignsAndChangeNothing()
    {
        var org = _app.Org;
        var checklist = await _app.ChecklistAsync();
        await using var scope = await _app.ScopeAsAsync(HazardFixture.Officer);
        var service = scope.ServiceProvider.GetRequiredService<CampaignService>();
        var today = HazardFixture.Today;
        async Task<string> Fails(CampaignSpec spec) => (await Assert.ThrowsAsync<DomainException>(() => service.CreateAsync(spec))).Code;

        Assert.Equal("Hazards.CampaignDatesInvalid", await Fails(new("专项", checklist.Id, CampaignScope.All, null, [], today.AddDays(5), today.AddDays(1))));
        Assert.Equal("Hazards.CampaignDatesInvalid", await Fails(new("专项", checklist.Id, CampaignScope.All, null, [], new DateOnly(2999, 12, 1), new DateOnly(2999, 12, 31))));
        Assert.Equal("Hazards.CampaignNoSchools", await Fails(new("专项", checklist.Id, CampaignScope.Picked, null, [], today, today.AddDays(5))));
        Assert.Equal("Hazards.SchoolOutsideBureau", await Fails(new("专项", checklist.Id, CampaignScope.Picked, null,
            [org.QingshanFirstMiddle.Id, org.YunxiKindergarten.Id], today, today.AddDays(5))));
        Assert.Equal("Hazards.CampaignNameInvalid", await Fails(new(" ", checklist.Id, CampaignScope.All, null, [], today, today.AddDays(5))));
        Assert.Equal("Hazards.CampaignChecklistInvalid", await Fails(new("专项", Guid.NewGuid(), CampaignScope.All, null, [], today, today.AddDays(5))));
        await using var db = _app.SystemContext();
        Assert.False(await db.HazardCampaigns.AnyAsync(c => c.Name == "专项" || c.Name == " "));

        await using var school = await _app.ScopeAsAsync(HazardFixture.Director);
        var refused = await Assert.ThrowsAsync<DomainException>(() => school.ServiceProvider.GetRequiredService<CampaignService>()
            .CreateAsync(new("学校自建", checklist.Id, CampaignScope.All, null, [], today, today.AddDays(5))));
        Assert.Equal("Hazards.BureauOnly", refused.Code);
    }

    [Fact]
    public async Task LetASchoolAnswerOnceOnlyItsOwnCampaignsAndOnlyItsLeads()
    {
        var org = _app.Org;
        var campaign = await LaunchAsync("秋冬会战", org.QingshanPrimary.Id);
        var checklist = await _app.ChecklistAsync();

        await using (var other = await _app.ScopeAsAsync(HazardFixture.Director))
        {
            await Assert.ThrowsAsync<HazardNotFoundException>(() =>
                other.ServiceProvider.GetRequiredService<SelfCheckService>().SubmitCampaignAsync(campaign.Id, Answers(checklist)));
        }

        await using var scope = await _app.ScopeAsAsync("qssx.director");
        var service = scope.ServiceProvider.GetRequiredService<SelfCheckService>();
        Assert.Equal("Hazards.SelfCheckIncomplete",
            (await Assert.ThrowsAsync<DomainException>(() => service.SubmitCampaignAsync(campaign.Id, Answers(checklist).Skip(1).ToList()))).Code);
        await service.SubmitCampaignAsync(campaign.Id, Answers(checklist, "配电房门锁损坏"));
        Assert.Equal("Hazards.CampaignAlreadyAnswered",
            (await Assert.ThrowsAsync<DomainException>(() => service.SubmitCampaignAsync(campaign.Id, Answers(checklist, "再交一次")))).Code);
        await using var db = _app.SystemContext();
        Assert.Equal(1, await db.Hazards.CountAsync(h => h.CampaignId == campaign.Id));
        Assert.Equal(1, await db.SelfChecks.CountAsync(c => c.CampaignId == campaign.Id));
    }

    [Fact]
    public async Task RefuseACampaignAnswerFromATeacherOrBeforeTheStart()
    {
        var org = _app.Org;
        var checklist = await _app.ChecklistAsync();
        HazardCampaign later;
        await using (var officer = await _app.ScopeAsAsync(HazardFixture.Officer))
        {
            later = await officer.ServiceProvider.GetRequiredService<CampaignService>().CreateAsync(new CampaignSpec("夏季攻坚", checklist.Id,
                CampaignScope.Kind, SchoolKind.Senior, [], HazardFixture.Today.AddDays(3), HazardFixture.Today.AddDays(30)));
        }

        await using var db = _app.SystemContext();
        var seniors = await db.Schools.Where(s => s.ScopePath.StartsWith(org.Qingshan.Path) && s.Kind == SchoolKind.Senior).CountAsync();
        Assert.Equal(seniors, later.SchoolCount);
        var included = await db.HazardCampaignSchools.Where(r => r.CampaignId == later.Id).Select(r => r.SchoolId).ToListAsync();
        var school = await db.Schools.FirstAsync(s => included.Contains(s.Id));
        var director = await db.Users.Where(u => u.SchoolId == school.Id && u.Role == UserRole.SafetyDirector).Select(u => u.UserName).FirstOrDefaultAsync();
        if (director is not null)
        {
            await using var scope = await _app.ScopeAsAsync(director);
            Assert.Equal("Hazards.CampaignNotStarted", (await Assert.ThrowsAsync<DomainException>(() =>
                scope.ServiceProvider.GetRequiredService<SelfCheckService>().SubmitCampaignAsync(later.Id, Answers(checklist)))).Code);
        }

        var early = await LaunchAsync("教师不可填", org.QingshanFirstMiddle.Id);
        await using var teacher = await _app.ScopeAsAsync(HazardFixture.Teacher);
        Assert.Equal("Hazards.NotAllowed", (await Assert.ThrowsAsync<DomainException>(() =>
            teacher.ServiceProvider.GetRequiredService<SelfCheckService>().SubmitCampaignAsync(early.Id, Answers(checklist)))).Code);
    }
}
