using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Hazards;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Hazards;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Tenancy;

/// <summary>
/// A cross-school inspection opens one narrow door: school A inserts its findings into school B. Nothing else opens:
/// B does not see A's data, A does not read B's ledger, and the grant inserts only, only at B, only while it lasts.
/// </summary>
public sealed class CrossSchoolTenancyShould : IClassFixture<HazardFixture>
{
    private readonly HazardFixture _app;

    public CrossSchoolTenancyShould(HazardFixture app)
    {
        _app = app;
        _app.Clock.Set(HazardFixture.Now);
    }

    [Fact]
    public async Task KeepTheInspectingAndTheInspectedSchoolsDataApart()
    {
        var aHazard = await _app.ReportAsync(HazardFixture.Director);
        Guid bHazard;
        await using (var b = await _app.ScopeAsAsync("qssx.director"))
        {
            bHazard = (await b.ServiceProvider.GetRequiredService<HazardService>().ReportAsync(HazardFixture.Report("B 校自己上报的隐患"), [])).Id;
        }

        var assignment = await CrossSchoolInspectionsShould.AssignAsync(_app);
        Guid inspectionId;
        await using (var a = await _app.ScopeAsAsync(HazardFixture.Director))
        {
            inspectionId = (await a.ServiceProvider.GetRequiredService<InspectionService>().RecordCrossAsync(assignment.Id, HazardFixture.Today, "A 校检查组", null)).Id;
            await a.ServiceProvider.GetRequiredService<InspectionService>().AddCrossFindingAsync(assignment.Id, CrossSchoolInspectionsShould.Finding("A 校发现的隐患"), []);

            // A cannot read B's ledger, B's own hazard, or the inspection record itself through the ordinary pages.
            var ledger = await a.ServiceProvider.GetRequiredService<HazardQueries>().LedgerAsync(new LedgerFilter(), 1, 500);
            Assert.DoesNotContain(ledger.Rows, r => r.School == _app.Org.QingshanPrimary.Name);
            Assert.Null(await a.ServiceProvider.GetRequiredService<HazardQueries>().ViewAsync(bHazard));
            Assert.Null(await a.ServiceProvider.GetRequiredService<InspectionQueries>().ViewAsync(inspectionId));
            await Assert.ThrowsAsync<HazardNotFoundException>(() => a.ServiceProvider.GetRequiredService<HazardService>().FindAsync(bHazard, CancellationToken.None));
        }

        // B sees the inspection of itself and the finding, but not A's hazards nor A's assignment.
        await using (var b = await _app.ScopeAsAsync("qssx.director"))
        {
            Assert.NotNull(await b.ServiceProvider.GetRequiredService<InspectionQueries>().ViewAsync(inspectionId));
            Assert.Null(await b.ServiceProvider.GetRequiredService<HazardQueries>().ViewAsync(aHazard));
            Assert.Empty(await b.ServiceProvider.GetRequiredService<CrossInspectionQueries>().ListAsync());
            Assert.Null(await b.ServiceProvider.GetRequiredService<CrossInspectionQueries>().ViewAsync(assignment.Id));
            var db = b.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.False(await db.Hazards.AnyAsync(h => h.SchoolId == _app.Org.QingshanFirstMiddle.Id));
        }
    }

    [Fact]
    public async Task LetAnInsertGrantOnlyInsertTheNamedTypesAtTheNamedPath()
    {
        Guid bHazard;
        await using (var b = await _app.ScopeAsAsync("qssx.director"))
        {
            bHazard = (await b.ServiceProvider.GetRequiredService<HazardService>().ReportAsync(HazardFixture.Report("B 校隐患"), [])).Id;
        }

        var scope = new TenantScope();
        scope.Set(_app.Org.QingshanFirstMiddle.ScopePath, "test-a", "test-a");
        await using var db = TestDatabase.CreateContext(_app.ConnectionString, scope);
        using (scope.GrantInsert(_app.Org.QingshanPrimary.ScopePath, typeof(Hazard)))
        {
            // Updates of B's rows stay refused under the grant (a loaded copy, attached as modified).
            var copy = await LoadAsync(bHazard);
            db.Attach(copy);
            db.Entry(copy).State = EntityState.Modified;
            await Assert.ThrowsAsync<TenantViolationException>(() => db.SaveChangesAsync());
            db.ChangeTracker.Clear();

            // Another type, or another school, is refused.
            db.Add(Inspection.Record(_app.Org.QingshanPrimary, _app.Org.Qingshan, HazardFixture.Today, "伪造", null,
                new HazardActor(null, "伪造", UserRole.BureauSafetyOfficer, null), HazardFixture.Now, HazardFixture.Today));
            await Assert.ThrowsAsync<TenantViolationException>(() => db.SaveChangesAsync());
            db.ChangeTracker.Clear();
            db.Add(Hazard.Report(_app.Org.YunxiKindergarten, HazardFixture.Report(), HazardSource.Report,
                new HazardActor(null, "伪造", UserRole.BureauSafetyOfficer, null), HazardFixture.Now, HazardFixture.Today));
            await Assert.ThrowsAsync<TenantViolationException>(() => db.SaveChangesAsync());
            db.ChangeTracker.Clear();
        }

        // After the grant, nothing at B may be inserted.
        db.Add(Hazard.Report(_app.Org.QingshanPrimary, HazardFixture.Report(), HazardSource.Report,
            new HazardActor(null, "伪造", UserRole.BureauSafetyOfficer, null), HazardFixture.Now, HazardFixture.Today));
        await Assert.ThrowsAsync<TenantViolationException>(() => db.SaveChangesAsync());
    }

    private async Task<Hazard> LoadAsync(Guid id)
    {
        await using var db = _app.SystemContext();
        return await db.Hazards.AsNoTracking().SingleAsync(h => h.Id == id);
    }
}
