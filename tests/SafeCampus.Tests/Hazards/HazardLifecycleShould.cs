using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Hazards;
using SafeCampus.Web.Infrastructure.Files;

namespace SafeCampus.Tests.Hazards;

/// <summary>The ledger's lifecycle through the use cases, and who may do each step.</summary>
public sealed class HazardLifecycleShould : IClassFixture<HazardFixture>
{
    private const string Director = HazardFixture.Director;
    private const string Principal = HazardFixture.Principal;
    private readonly HazardFixture _app;

    public HazardLifecycleShould(HazardFixture app)
    {
        _app = app;
        _app.Clock.Set(HazardFixture.Now);
    }

    [Fact]
    public async Task GoFromReportedThroughPlanAndRectificationToAcceptanceByThePrincipalWithATimeline()
    {
        var id = await _app.ReportAsync();
        await _app.PlanAsync(id);
        await _app.RectifyAsync(id);
        await _app.AsAsync(Principal, id, (s, v) => s.AcceptAsync(id, v, "验收合格"));

        var hazard = await _app.LoadAsync(id);
        Assert.Equal(HazardState.Accepted, hazard.State);
        Assert.Equal("刘志强", hazard.AcceptedBy);
        Assert.Equal(HazardFixture.Today, hazard.ClosedOn);
        Assert.Equal([HazardAction.Reported, HazardAction.Planned, HazardAction.Rectified, HazardAction.Accepted], hazard.Steps.OrderBy(s => s.Id).Select(s => s.Action));
        Assert.Equal(["孙国华", "孙国华", "孙国华", "刘志强"], hazard.Steps.OrderBy(s => s.Id).Select(s => s.ByName));
        Assert.Equal((1, 1), (hazard.Photos.Count(p => !p.IsEvidence), hazard.Photos.Count(p => p.IsEvidence)));
    }

    [Fact]
    public async Task LetOnlyTheBureauAcceptAMajorHazard()
    {
        var id = await _app.ReportAsync(grade: HazardGrade.Major);
        await _app.PlanAsync(id);
        await _app.RectifyAsync(id);

        var refused = await Assert.ThrowsAsync<DomainException>(() => _app.AsAsync(Principal, id, (s, v) => s.AcceptAsync(id, v, null)));
        Assert.Equal("Hazards.BureauAccepts", refused.Code);
        await _app.AsAsync(HazardFixture.Officer, id, (s, v) => s.AcceptAsync(id, v, null));

        var hazard = await _app.LoadAsync(id);
        Assert.Equal((HazardState.Accepted, "陈晓燕"), (hazard.State, hazard.AcceptedBy));
    }

    [Fact]
    public async Task LetNeitherTheDirectorNorTheBureauAcceptAGeneralHazard()
    {
        var id = await _app.ReportAsync();
        await _app.PlanAsync(id);
        await _app.RectifyAsync(id);

        foreach (var user in new[] { Director, HazardFixture.Teacher, HazardFixture.Officer })
        {
            var refused = await Assert.ThrowsAsync<DomainException>(() => _app.AsAsync(user, id, (s, v) => s.AcceptAsync(id, v, null)));
            Assert.Equal("Hazards.PrincipalAccepts", refused.Code);
        }

        Assert.Equal(HazardState.Rectified, (await _app.LoadAsync(id)).State);
    }

    [Fact]
    public async Task RefuseAcceptingAHazardThatWasNeverRectified()
    {
        var id = await _app.ReportAsync();
        await _app.PlanAsync(id);

        var refused = await Assert.ThrowsAsync<DomainException>(() => _app.AsAsync(Principal, id, (s, v) => s.AcceptAsync(id, v, null)));
        Assert.Equal("Hazards.NotRectified", refused.Code);
        Assert.Equal(HazardState.Planned, (await _app.LoadAsync(id)).State);
    }

    [Fact]
    public async Task RefuseRectificationWithoutEvidencePhotos()
    {
        var id = await _app.ReportAsync();
        await _app.PlanAsync(id);

        var refused = await Assert.ThrowsAsync<DomainException>(() => _app.AsAsync(Director, id, (s, v) => s.RectifyAsync(id, v, "已整改")));
        Assert.Equal("Hazards.EvidenceRequired", refused.Code);
        Assert.Equal(HazardState.Planned, (await _app.LoadAsync(id)).State);
    }

    [Fact]
    public async Task RefuseADeadlineBeforeTheFinding()
    {
        var id = await _app.ReportAsync();

        var refused = await Assert.ThrowsAsync<DomainException>(() => _app.PlanAsync(id, deadline: HazardFixture.Today.AddDays(-1)));
        Assert.Equal("Hazards.DeadlineBeforeFinding", refused.Code);
        var hazard = await _app.LoadAsync(id);
        Assert.Equal((HazardState.Reported, (DateOnly?)null), (hazard.State, hazard.Deadline));
    }

    [Fact]
    public async Task ReturnARectificationWithAReasonAndLetTheSchoolRectifyAgain()
    {
        var id = await _app.ReportAsync();
        await _app.PlanAsync(id);
        await _app.RectifyAsync(id);

        var noReason = await Assert.ThrowsAsync<DomainException>(() => _app.AsAsync(Principal, id, (s, v) => s.ReturnAsync(id, v, " ")));
        Assert.Equal("Hazards.ReturnNeedsComment", noReason.Code);
        await _app.AsAsync(Principal, id, (s, v) => s.ReturnAsync(id, v, "标识未张贴"));
        Assert.Equal(HazardState.Returned, (await _app.LoadAsync(id)).State);

        await _app.RectifyAsync(id);
        var hazard = await _app.LoadAsync(id);
        Assert.Equal((HazardState.Rectified, 2), (hazard.State, hazard.Photos.Count(p => p.IsEvidence)));
        Assert.Contains(hazard.Steps, s => s.Action == HazardAction.Returned && s.Comment == "标识未张贴");
    }

    [Fact]
    public async Task RefuseAStaleVersionWithAClearMessageAndChangeNothing()
    {
        var id = await _app.ReportAsync();
        var seen = (await _app.LoadAsync(id)).Version;
        await _app.PlanAsync(id);

        await using var scope = await _app.ScopeAsAsync(Director);
        var stale = await Assert.ThrowsAsync<DomainException>(() => scope.ServiceProvider.GetRequiredService<HazardService>()
            .PlanAsync(id, seen, new HazardPlan("李四", HazardFixture.Today.AddDays(30), "另一个方案", null, null)));
        Assert.Equal("Hazards.ConcurrentEdit", stale.Code);
        Assert.False(string.IsNullOrEmpty(stale.LocalizedMessage()));
        Assert.Equal("王建军", (await _app.LoadAsync(id)).ResponsiblePerson);
    }

    [Fact]
    public async Task NotFindTheHazardOfAnotherSchool()
    {
        var id = await _app.ReportAsync();
        var version = (await _app.LoadAsync(id)).Version;

        await using (var scope = await _app.ScopeAsAsync("qssx.director"))
        {
            var service = scope.ServiceProvider.GetRequiredService<HazardService>();
            await Assert.ThrowsAsync<HazardNotFoundException>(() => service.PlanAsync(id, version, new HazardPlan("外校", HazardFixture.Today, "x", null, null)));
            await Assert.ThrowsAsync<HazardNotFoundException>(() => service.AddPhotosAsync(id, [HazardFixture.Photo()], evidence: false));
            await Assert.ThrowsAsync<HazardNotFoundException>(() => service.EscalateAsync(id, version, "x", null));
        }

        await using (var scope = await _app.ScopeAsAsync("yx.safety"))
        {
            await Assert.ThrowsAsync<HazardNotFoundException>(() => scope.ServiceProvider.GetRequiredService<HazardService>().SuperviseAsync(id, version, "x", HazardFixture.Today));
        }

        var hazard = await _app.LoadAsync(id);
        Assert.Equal((HazardState.Reported, 1, 1), (hazard.State, hazard.Steps.Count, hazard.Photos.Count));
    }

    [Fact]
    public async Task RefuseAPhotoThatIsNotAnImageAndStoreNothing()
    {
        await using var db = _app.SystemContext();
        var (files, hazards) = (await db.StoredFiles.CountAsync(), await db.Hazards.CountAsync());

        await using (var scope = await _app.ScopeAsAsync(Director))
        {
            var service = scope.ServiceProvider.GetRequiredService<HazardService>();
            await Assert.ThrowsAsync<FileRejectedException>(() => service.ReportAsync(HazardFixture.Report(),
                [HazardFixture.Photo(), new(new MemoryStream("%PDF-1.4 not a photo"u8.ToArray()), "x.jpg")]));
        }

        Assert.Equal((files, hazards), (await db.StoredFiles.CountAsync(), await db.Hazards.CountAsync()));
    }

    [Fact]
    public async Task RefuseAPhotoOverTheLimit()
    {
        var big = new byte[9 * 1024 * 1024];
        SafeCampus.Tests.Drills.SchoolSide.TestImages.Png(4, 4).CopyTo(big, 0);
        await using var scope = await _app.ScopeAsAsync(Director);
        var error = await Assert.ThrowsAsync<FileRejectedException>(() => scope.ServiceProvider.GetRequiredService<HazardService>()
            .ReportAsync(HazardFixture.Report("超大照片"), [new(new MemoryStream(big), "big.png")]));
        Assert.Contains("8", error.Message, StringComparison.Ordinal);
        await using var db = _app.SystemContext();
        Assert.False(await db.Hazards.AnyAsync(h => h.Description == "超大照片"));
    }

    [Fact]
    public async Task EscalateOnceAndLetTheBureauSupervise()
    {
        var id = await _app.ReportAsync();
        await _app.AsAsync(Director, id, (s, v) => s.EscalateAsync(id, v, "需更换消防管网，资金不足", 120000m));
        var again = await Assert.ThrowsAsync<DomainException>(() => _app.AsAsync(Director, id, (s, v) => s.EscalateAsync(id, v, "再次", null)));
        Assert.Equal("Hazards.AlreadyEscalated", again.Code);
        var schoolCannot = await Assert.ThrowsAsync<DomainException>(() => _app.AsAsync(Principal, id, (s, v) => s.SuperviseAsync(id, v, "x", HazardFixture.Today)));
        Assert.Equal("Hazards.BureauOnly", schoolCannot.Code);

        await _app.AsAsync(HazardFixture.Officer, id, (s, v) => s.SuperviseAsync(id, v, "请于月底前制定方案", HazardFixture.Today.AddDays(6)));

        var hazard = await _app.LoadAsync(id);
        Assert.Equal((120000m, "请于月底前制定方案", HazardFixture.Today.AddDays(6)), (hazard.EscalationFunding!.Value, hazard.SupervisionText!, hazard.SupervisionDeadline!.Value));
        Assert.Equal([HazardAction.Reported, HazardAction.Escalated, HazardAction.Supervised], hazard.Steps.OrderBy(s => s.Id).Select(s => s.Action));
    }

    [Fact]
    public async Task LetAStaffMemberReportButNotPlan()
    {
        var id = await _app.ReportAsync(HazardFixture.Teacher);
        var refused = await Assert.ThrowsAsync<DomainException>(() => _app.PlanAsync(id, HazardFixture.Teacher));
        Assert.Equal("Hazards.NotAllowed", refused.Code);
        Assert.Equal("周丽", (await _app.LoadAsync(id)).Steps.Single().ByName);
    }
}
