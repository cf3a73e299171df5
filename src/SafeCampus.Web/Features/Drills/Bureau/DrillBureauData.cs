using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Features.Drills.Bureau;

/// <summary>
/// The drill settings of every bureau that can govern a school in a part of the tree, loaded in two queries: the
/// bureaus above the scope (read past the tenant filter on purpose, as <see cref="DrillSettings"/> does) and the
/// bureaus inside it. <see cref="For"/> then resolves any school's effective settings in memory, so a city-wide
/// report does not query per county or per school.
/// </summary>
public sealed class DrillSettingsTree
{
    private static readonly EffectiveDrillSettings None = new(null, null, [], []);
    private readonly List<EffectiveDrillSettings> _owners;

    private DrillSettingsTree(List<EffectiveDrillSettings> owners, Dictionary<Guid, DrillKind> kinds)
    {
        _owners = owners;
        Kinds = kinds;
    }

    /// <summary>Every kind of every bureau loaded, by id: names for drills whatever bureau's kind they use.</summary>
    public IReadOnlyDictionary<Guid, DrillKind> Kinds { get; }

    public static async Task<DrillSettingsTree> LoadAsync(AppDbContext db, string scopePath, CancellationToken ct = default)
    {
        var ancestors = DrillSettings.AncestorPaths(scopePath);
        var kinds = await db.DrillKinds.IgnoreQueryFilters().AsNoTracking()
            .Where(k => ancestors.Contains(k.ScopePath) || k.ScopePath.StartsWith(scopePath))
            .OrderBy(k => k.SortOrder).ThenBy(k => k.Name)
            .ToListAsync(ct);
        var bureauIds = kinds.Select(k => k.BureauId).Distinct().ToList();
        var rules = await db.DrillRules.IgnoreQueryFilters().AsNoTracking()
            .Where(r => bureauIds.Contains(r.BureauId))
            .OrderBy(r => r.Period).ThenBy(r => r.Audience)
            .ToListAsync(ct);
        var owners = kinds.GroupBy(k => (k.BureauId, k.ScopePath))
            .Select(g => new EffectiveDrillSettings(g.Key.BureauId, g.Key.ScopePath, g.ToList(), rules.Where(r => r.BureauId == g.Key.BureauId).ToList()))
            .OrderByDescending(o => o.OwnerPath!.Length)
            .ToList();
        return new DrillSettingsTree(owners, kinds.ToDictionary(k => k.Id));
    }

    /// <summary>The settings of the nearest bureau at or above the path that has any.</summary>
    public EffectiveDrillSettings For(string scopePath) =>
        _owners.FirstOrDefault(o => scopePath.StartsWith(o.OwnerPath!, StringComparison.Ordinal)) ?? None;

    public string KindName(Guid kindId) => Kinds.TryGetValue(kindId, out var k) ? k.Name : "—";
}

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
