using Microsoft.EntityFrameworkCore;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Drills.BureauSide;

/// <summary>The demo city seeded on Tuesday 24 November 2026, 10:00 China time, with that date held.</summary>
public class DemoDrillsFixture : AppFactory
{
    public static readonly DateTimeOffset Today = new(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(8));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Clock.Set(Today);
        await SeedDemoAsync();
        Submitted = new Dictionary<string, IReadOnlyList<Drill>>
        {
            ["青山县"] = await SubmittedAsync("青山县"),
            ["云溪区"] = await SubmittedAsync("云溪区"),
        };
    }

    /// <summary>The filings awaiting review right after seeding, by county: tests that review one take their own.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Drill>> Submitted { get; private set; } = default!;

    /// <summary>A context that sees everything, for arranging and asserting.</summary>
    public AppDbContext SystemDb()
    {
        var scope = new TenantScope();
        scope.EnterSystem("test");
        return TestDatabase.CreateContext(ConnectionString, scope);
    }

    public async Task<School> SchoolAsync(string name)
    {
        await using var db = SystemDb();
        return await db.Schools.AsNoTracking().SingleAsync(s => s.Name == name);
    }

    public async Task<Drill> DrillAsync(Guid id)
    {
        await using var db = SystemDb();
        return await db.Drills.AsNoTracking().Include(d => d.Photos).SingleAsync(d => d.Id == id);
    }

    /// <summary>The submitted drills of a county's schools (by the county's short name), ordered by school name.</summary>
    public async Task<List<Drill>> SubmittedAsync(string countyShortName)
    {
        await using var db = SystemDb();
        var county = await db.Bureaus.SingleAsync(b => b.ShortName == countyShortName);
        var rows = await (from d in db.Drills.AsNoTracking().Include(d => d.Photos)
                          join s in db.Schools on d.SchoolId equals s.Id
                          where d.State == DrillState.Submitted && d.ScopePath.StartsWith(county.Path)
                          select new { Drill = d, School = s.Name }).ToListAsync();
        return rows.OrderBy(r => r.School, StringComparer.Ordinal).ThenBy(r => r.Drill.Date).Select(r => r.Drill).ToList();
    }

    public async Task<string> UserIdAsync(string userName)
    {
        await using var db = SystemDb();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }
}
