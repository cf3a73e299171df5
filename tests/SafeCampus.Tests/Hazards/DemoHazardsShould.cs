using Microsoft.EntityFrameworkCore;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Data.Seeding;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Hazards;

/// <summary>The demo city's year of self-checks and hazards: a realistic mix that every screen has something to show.</summary>
public sealed class DemoHazardsShould(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    private Web.Data.AppDbContext System()
    {
        var scope = new TenantScope();
        scope.EnterSystem("test");
        return TestDatabase.CreateContext(app.ConnectionString, scope);
    }

    [Fact]
    public async Task HoldAYearOfSelfChecksWithEveryAnswerAndAMissedLastPeriod()
    {
        await using var db = System();
        var checks = await db.SelfChecks.AsNoTracking().Select(c => new { c.SchoolId, c.Date, Answers = c.Answers.Count }).ToListAsync();
        var schools = await db.Schools.CountAsync();
        Assert.InRange(checks.Count, schools * 18, schools * 24);
        Assert.All(checks, c => Assert.Equal(55, c.Answers));
        Assert.True(checks.Min(c => c.Date) < DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddMonths(-11));
        Assert.Equal(2, DemoHazardsSeeder.MissedLastPeriod.Count);
    }

    [Fact]
    public async Task MixEveryStateOverdueEscalatedAndMajorHazardsAndANumberedNoticePerCounty()
    {
        await using var db = System();
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().AddHours(8).UtcDateTime);
        var hazards = await db.Hazards.AsNoTracking().Select(h => new { h.State, h.Grade, h.Deadline, h.EscalatedAt, h.Source, h.AcceptedBy }).ToListAsync();
        Assert.InRange(hazards.Count, 100, 600);
        var states = string.Join(", ", hazards.GroupBy(h => h.State).Select(g => $"{g.Key}={g.Count()}"));
        Assert.All(Enum.GetValues<HazardState>().Where(s => s != HazardState.Returned), s => Assert.True(hazards.Any(h => h.State == s), states));
        Assert.Contains(hazards, h => h.State == HazardState.Planned && h.Deadline < today);
        Assert.Equal(2, hazards.Count(h => h.Grade == HazardGrade.Major));
        Assert.Contains(hazards, h => h.EscalatedAt != null);
        Assert.All(hazards.Where(h => h.State == HazardState.Accepted), h => Assert.False(string.IsNullOrEmpty(h.AcceptedBy)));
        var closed = hazards.Count(h => h.State == HazardState.Accepted);
        Assert.InRange(closed * 100 / hazards.Count, 60, 95);
        Assert.Equal(["云教安整〔2026〕1号", "青教安整〔2026〕1号"], await db.RectificationNotices.Select(n => n.Number).OrderBy(n => n).ToListAsync());
        Assert.Equal(6, hazards.Count(h => h.Source == HazardSource.BureauInspection));
    }
}
