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
/// purpose — they are the rules the school is measured against — but only ancestors' rows are read.
/// </summary>
public sealed class DrillSettings(AppDbContext db)
{
    public async Task<EffectiveDrillSettings> ForScopeAsync(string scopePath, CancellationToken ct = default)
    {
        var ancestors = AncestorPaths(scopePath);
        var owner = await db.DrillKinds.IgnoreQueryFilters()
            .Where(k => ancestors.Contains(k.ScopePath))
            .OrderByDescending(k => k.ScopePath.Length)
            .Select(k => new { k.BureauId, k.ScopePath })
            .FirstOrDefaultAsync(ct);
        if (owner is null)
        {
            return new EffectiveDrillSettings(null, null, [], []);
        }

        var kinds = await db.DrillKinds.IgnoreQueryFilters().Where(k => k.BureauId == owner.BureauId)
            .OrderBy(k => k.SortOrder).ThenBy(k => k.Name).ToListAsync(ct);
        var rules = await db.DrillRules.IgnoreQueryFilters().Where(r => r.BureauId == owner.BureauId)
            .OrderBy(r => r.Period).ThenBy(r => r.Audience).ToListAsync(ct);
        return new EffectiveDrillSettings(owner.BureauId, owner.ScopePath, kinds, rules);
    }

    /// <summary>"/a/b/c/" → ["/a/", "/a/b/", "/a/b/c/"].</summary>
    public static List<string> AncestorPaths(string scopePath)
    {
        var parts = scopePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return Enumerable.Range(1, parts.Length).Select(n => "/" + string.Join('/', parts.Take(n)) + "/").ToList();
    }
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
