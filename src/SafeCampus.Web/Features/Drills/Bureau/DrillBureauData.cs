using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Features.Drills.Bureau;

/// <summary>Drill facts aggregated in SQL: one row per school, kind, month and state, with a count.</summary>
public static class DrillFacts
{
    /// <param name="from">First day of a month: every requirement period is whole months.</param>
    public static async Task<ILookup<Guid, DrillFact>> ForSchoolsAsync(AppDbContext db, IQueryable<Guid> schoolIds, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var rows = await db.Drills
            .Where(d => d.State != DrillState.Cancelled && d.Date >= from && d.Date <= to && schoolIds.Contains(d.SchoolId))
            .GroupBy(d => new { d.SchoolId, d.KindId, d.Date.Year, d.Date.Month, d.State })
            .Select(g => new { g.Key.SchoolId, g.Key.KindId, g.Key.Year, g.Key.Month, g.Key.State, Count = g.Count() })
            .ToListAsync(ct);
        return rows.ToLookup(r => r.SchoolId, r => new DrillFact(r.KindId, new DateOnly(r.Year, r.Month, 1), r.State, r.Count));
    }
}
