using SafeCampus.Web.Tenancy;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Drills;

namespace SafeCampus.Web.Features.Hazards;

/// <summary>A self-check period: a month, or its first (1–15) or second half.</summary>
public sealed record SelfCheckPeriod(DateOnly Start, DateOnly End, string Key)
{
    public static SelfCheckPeriod Containing(DateOnly date, int perMonth)
    {
        var first = new DateOnly(date.Year, date.Month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var month = date.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        if (perMonth == 1)
        {
            return new(first, last, month);
        }

        return date.Day <= 15 ? new(first, first.AddDays(14), month + "a") : new(first.AddDays(15), last, month + "b");
    }

    public SelfCheckPeriod Previous(int perMonth) => Containing(Start.AddDays(-1), perMonth);

    public string Label => Key.Length == 7
        ? string.Format(CultureInfo.CurrentCulture, HazardsText.PeriodMonth, Start.Year, Start.Month)
        : string.Format(CultureInfo.CurrentCulture, Key.EndsWith('a') ? HazardsText.PeriodFirstHalf : HazardsText.PeriodSecondHalf, Start.Year, Start.Month);
}

/// <summary>The hazard rules that govern a place: settings and checklist of the nearest bureau at or above it that has them.</summary>
public sealed record EffectiveHazardRules(int SelfChecksPerMonth, int BureauAlertDays, string? NoticePrefix, ChecklistTemplate? Checklist);

/// <summary>
/// Settings and checklists are set by a bureau and inherited downwards. Reading an ancestor's rows passes the tenant
/// filter on purpose (they are the rules a school works to); only ancestors' rows and rows inside the scope are read.
/// </summary>
public sealed class HazardRules(AppDbContext db)
{
    public async Task<HazardRulesTree> TreeAsync(string scopePath, CancellationToken ct = default)
    {
        var ancestors = DrillSettings.AncestorPaths(scopePath);
        var settings = await db.HazardSettings.AcrossTenants().AsNoTracking()
            .Where(s => ancestors.Contains(s.ScopePath) || s.ScopePath.StartsWith(scopePath)).ToListAsync(ct);
        var checklists = await db.ChecklistTemplates.AcrossTenants().AsNoTracking().Include(t => t.Items)
            .Where(t => t.IsCurrent && (ancestors.Contains(t.ScopePath) || t.ScopePath.StartsWith(scopePath))).ToListAsync(ct);
        return new HazardRulesTree(settings, checklists);
    }

    public async Task<EffectiveHazardRules> ForAsync(string scopePath, CancellationToken ct = default) => (await TreeAsync(scopePath, ct)).For(scopePath);

    /// <summary>A checklist version by id, if it governs (or governed) the path: an ancestor's or one inside it.</summary>
    public Task<ChecklistTemplate?> ChecklistAsync(Guid id, string scopePath, CancellationToken ct = default)
    {
        var ancestors = DrillSettings.AncestorPaths(scopePath);
        return db.ChecklistTemplates.AcrossTenants().AsNoTracking().Include(t => t.Items)
            .SingleOrDefaultAsync(t => t.Id == id && (ancestors.Contains(t.ScopePath) || t.ScopePath.StartsWith(scopePath)), ct);
    }
}

public sealed class HazardRulesTree(List<HazardSettings> settings, List<ChecklistTemplate> checklists)
{
    public EffectiveHazardRules For(string scopePath)
    {
        var s = settings.Where(x => scopePath.StartsWith(x.ScopePath, StringComparison.Ordinal)).MaxBy(x => x.ScopePath.Length);
        var c = checklists.Where(x => scopePath.StartsWith(x.ScopePath, StringComparison.Ordinal)).MaxBy(x => x.ScopePath.Length);
        return new(s?.SelfChecksPerMonth ?? HazardSettings.DefaultSelfChecksPerMonth, s?.BureauAlertDays ?? HazardSettings.DefaultBureauAlertDays,
            s?.NoticePrefix, c);
    }
}

/// <summary>The checklist as text, one line per item under "# area" headings: the editor's format and the default's.</summary>
public static class ChecklistText
{
    public static List<(string Area, string Text)> Parse(string text)
    {
        var items = new List<(string, string)>();
        var area = "";
        foreach (var raw in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                area = line.TrimStart('#').Trim();
                continue;
            }

            items.Add((area, line.TrimStart('-', '·').Trim()));
        }

        return items;
    }

    public static string Format(ChecklistTemplate template)
    {
        var lines = new List<string>();
        foreach (var group in template.Items.OrderBy(i => i.SortOrder).GroupBy(i => i.Area))
        {
            lines.Add("# " + group.Key);
            lines.AddRange(group.Select(i => i.Text));
        }

        return string.Join('\n', lines);
    }

    /// <summary>The default checklist: 11 areas, 55 items, written from the source documents.</summary>
    public static ChecklistTemplate Default(Bureau bureau, DateTimeOffset now) =>
        ChecklistTemplate.Create(bureau, HazardsText.DefaultChecklistName, Parse(HazardsText.DefaultChecklist), 1, null, now);
}
