using SafeCampus.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Features.Drills;

/// <summary>The drill kinds and requirements that govern a part of the tree, and the bureau that set them.</summary>
public sealed record EffectiveDrillSettings(Guid? OwnerBureauId, string? OwnerPath, IReadOnlyList<DrillKind> Kinds, IReadOnlyList<DrillRule> Rules)
{
    public DrillKind? Kind(Guid id) => Kinds.FirstOrDefault(k => k.Id == id);
}

/// <summary>
/// Drill kinds and rules are set by a bureau and inherited downwards: a school follows the nearest bureau above it
/// that has a set (its county's, else its city's). Reading an ancestor's settings passes the tenant filter on
/// purpose — they are the rules the school is measured against; <see cref="DrillSettingsTree"/> reads only ancestors'
/// rows and rows inside the scope.
/// </summary>
public sealed class DrillSettings(AppDbContext db)
{
    public async Task<EffectiveDrillSettings> ForScopeAsync(string scopePath, CancellationToken ct = default) =>
        (await DrillSettingsTree.LoadAsync(db, scopePath, ct)).For(scopePath);

    /// <summary>"/a/b/c/" → ["/a/", "/a/b/", "/a/b/c/"].</summary>
    public static List<string> AncestorPaths(string scopePath)
    {
        var parts = scopePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return Enumerable.Range(1, parts.Length).Select(n => "/" + string.Join('/', parts.Take(n)) + "/").ToList();
    }
}

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
        var kinds = await db.DrillKinds.AcrossTenants().AsNoTracking()
            .Where(k => ancestors.Contains(k.ScopePath) || k.ScopePath.StartsWith(scopePath))
            .OrderBy(k => k.SortOrder).ThenBy(k => k.Name)
            .ToListAsync(ct);
        var bureauIds = kinds.Select(k => k.BureauId).Distinct().ToList();
        var rules = await db.DrillRules.AcrossTenants().AsNoTracking()
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

/// <summary>
/// Default kinds and requirements, from the source documents: schools monthly in term, kindergartens quarterly, at
/// least one fire and one school-bus drill per semester, night evacuation per semester for boarding schools, at least
/// four drills a year.
/// </summary>
public static class DrillDefaults
{
    public static (List<DrillKind> Kinds, List<DrillRule> Rules) For(Domain.Bureau bureau)
    {
        var n = 0;
        DrillKind K(string code, string name, bool boarding = false) => DrillKind.Create(bureau, code, name, boarding, ++n);
        var fire = K("fire", DrillsText.KindFire);
        var earthquake = K("earthquake", DrillsText.KindEarthquake);
        var stampede = K("stampede", DrillsText.KindStampede);
        var flood = K("flood", DrillsText.KindFlood);
        var night = K("night", DrillsText.KindNight, boarding: true);
        var bus = K("bus", DrillsText.KindBus);
        var food = K("food", DrillsText.KindFood);
        var intruder = K("intruder", DrillsText.KindIntruder);
        List<DrillKind> kinds = [fire, earthquake, stampede, flood, night, bus, food, intruder];
        List<DrillRule> rules =
        [
            DrillRule.Create(bureau, DrillAudience.SchoolsExceptKindergartens, DrillPeriod.Month, null, 1, DrillRule.TermMonths),
            DrillRule.Create(bureau, DrillAudience.Kindergartens, DrillPeriod.Quarter, null, 1),
            DrillRule.Create(bureau, DrillAudience.AllSchools, DrillPeriod.Semester, fire, 1, reminderDaysBefore: 14),
            DrillRule.Create(bureau, DrillAudience.AllSchools, DrillPeriod.Semester, bus, 1, reminderDaysBefore: 14),
            DrillRule.Create(bureau, DrillAudience.Boarding, DrillPeriod.Semester, night, 1, reminderDaysBefore: 14),
            DrillRule.Create(bureau, DrillAudience.AllSchools, DrillPeriod.Year, null, 4, reminderDaysBefore: 30),
        ];
        return (kinds, rules);
    }
}
