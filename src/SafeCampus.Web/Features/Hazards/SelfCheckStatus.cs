using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Hazards;

/// <summary>A school's self-checks of the current and the previous period; the previous one missing is overdue.</summary>
public sealed record SelfCheckLine(Guid SchoolId, string School, string County, SelfCheckPeriod Current, Guid? CurrentCheck,
    SelfCheckPeriod Previous, Guid? PreviousCheck, DateOnly? LastDate)
{
    public bool PreviousOverdue => PreviousCheck is null;
}

public sealed record SelfCheckSummary(Guid Id, string PeriodKey, DateOnly Date, string CheckedBy, int Hazards);

/// <summary>Who has done the self-check of which period: for a school's to-do list and the bureau's overview.</summary>
public sealed class SelfCheckStatus(AppDbContext db, TenantScope scope, HazardRules rules, TimeProvider clock)
{
    public async Task<List<SelfCheckLine>> LinesAsync(Guid? schoolId = null, CancellationToken ct = default)
    {
        var today = clock.Today();
        var tree = await rules.TreeAsync(scope.Path ?? "/", ct);
        var schoolsQuery = db.Schools.AsNoTracking();
        if (schoolId is { } id)
        {
            schoolsQuery = schoolsQuery.Where(s => s.Id == id);
        }

        var rows = await schoolsQuery.Select(s => new { s.Id, s.Name, s.BureauId, s.ScopePath }).ToListAsync(ct);
        // A school's own county lies above a school user's scope: its name is read past the filter, by id only.
        var bureauIds = rows.Select(s => s.BureauId).Distinct().ToList();
        var counties = await db.Bureaus.AcrossTenants().Where(b => bureauIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Name, ct);
        var schools = rows.Select(s => new { s.Id, s.Name, County = counties[s.BureauId], s.ScopePath })
            .OrderBy(s => s.County, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
        var periods = schools.ToDictionary(s => s.Id, s =>
        {
            var perMonth = tree.For(s.ScopePath).SelfChecksPerMonth;
            var current = SelfCheckPeriod.Containing(today, perMonth);
            return (Current: current, Previous: current.Previous(perMonth));
        });
        var keys = periods.Values.SelectMany(p => new[] { p.Current.Key, p.Previous.Key }).Distinct().ToList();
        var ids = schools.Select(s => s.Id).ToList();
        var checks = await db.SelfChecks.AsNoTracking().Where(c => ids.Contains(c.SchoolId) && keys.Contains(c.PeriodKey))
            .Select(c => new { c.Id, c.SchoolId, c.PeriodKey }).ToListAsync(ct);
        var last = await db.SelfChecks.AsNoTracking().Where(c => ids.Contains(c.SchoolId)).GroupBy(c => c.SchoolId)
            .Select(g => new { SchoolId = g.Key, Date = g.Max(c => c.Date) }).ToDictionaryAsync(x => x.SchoolId, x => x.Date, ct);
        var byKey = checks.ToDictionary(c => (c.SchoolId, c.PeriodKey), c => c.Id);
        return schools.Select(s =>
        {
            var (current, previous) = periods[s.Id];
            return new SelfCheckLine(s.Id, s.Name, s.County, current, byKey.TryGetValue((s.Id, current.Key), out var c) ? c : null,
                previous, byKey.TryGetValue((s.Id, previous.Key), out var p) ? p : null, last.TryGetValue(s.Id, out var d) ? d : null);
        }).ToList();
    }

    public Task<List<SelfCheckSummary>> HistoryAsync(Guid schoolId, CancellationToken ct = default) =>
        db.SelfChecks.AsNoTracking().Where(c => c.SchoolId == schoolId).OrderByDescending(c => c.Date).Take(24)
            .Select(c => new SelfCheckSummary(c.Id, c.PeriodKey, c.Date, c.CheckedBy, c.HazardCount)).ToListAsync(ct);
}
