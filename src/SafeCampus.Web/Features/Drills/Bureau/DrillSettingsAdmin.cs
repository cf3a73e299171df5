using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Drills.Bureau;

/// <summary>The bureau's view of its drill settings: what governs its schools, who set it, what it may do.</summary>
public sealed record DrillSettingsView(
    Guid BureauId, string BureauName, BureauLevel Level, EffectiveDrillSettings Effective, string? OwnerName,
    IReadOnlyList<string> ChildrenWithOwnSettings)
{
    public bool IsOwn => Effective.OwnerBureauId == BureauId;
    public bool IsInherited => Effective.OwnerBureauId is not null && !IsOwn;
    public bool IsMissing => Effective.OwnerBureauId is null;
}

public sealed record KindEdit(Guid Id, string Name, bool IsActive);

public sealed record RuleEdit(Guid Id, int MinCount, int ReminderDaysBefore, bool IsActive);

/// <summary>A settings change was refused; the message is for the user.</summary>
public sealed class DrillSettingsException(string message) : Exception(message);

/// <summary>
/// Changes to drill kinds and requirements. Only the bureau that owns the effective settings edits them (the caller
/// checks the administrator role); a county that inherits its city's settings can copy them into its own, and a bureau
/// with none anywhere above can start from the defaults. Each operation saves once, in a transaction where it writes
/// more than one table.
/// </summary>
public sealed class DrillSettingsAdmin(AppDbContext db, TenantScope scope, DrillSettings settings)
{
    public async Task<DrillSettingsView> LoadAsync(CancellationToken ct = default)
    {
        var bureau = await OwnBureauAsync(ct);
        var effective = await settings.ForScopeAsync(bureau.Path, ct);
        var ownerName = effective.OwnerBureauId == bureau.Id ? bureau.Name
            // The owner is an ancestor: its name is read past the tenant filter, nothing else of it.
            : await db.Bureaus.AcrossTenants().Where(b => b.Id == effective.OwnerBureauId).Select(b => b.Name).SingleOrDefaultAsync(ct);
        var childIds = await db.DrillKinds.Where(k => k.BureauId != bureau.Id).Select(k => k.BureauId).Distinct().ToListAsync(ct);
        var children = await db.Bureaus.Where(b => childIds.Contains(b.Id)).OrderBy(b => b.Name).Select(b => b.Name).ToListAsync(ct);
        return new DrillSettingsView(bureau.Id, bureau.Name, bureau.Level, effective, ownerName, children);
    }

    public async Task AddKindAsync(string name, bool boardingOnly, CancellationToken ct = default)
    {
        var (bureau, kinds, _) = await OwnSettingsAsync(ct);
        if (kinds.Any(k => string.Equals(k.Name, name.Trim(), StringComparison.Ordinal)))
        {
            throw new DrillSettingsException(DrillsBureauText.KindNameTaken);
        }

        db.DrillKinds.Add(DrillKind.Create(bureau, "custom", name, boardingOnly, kinds.Count == 0 ? 1 : kinds.Max(k => k.SortOrder) + 1));
        await db.SaveChangesAsync(ct);
    }

    public async Task UpdateKindsAsync(IReadOnlyList<KindEdit> edits, CancellationToken ct = default)
    {
        var (_, kinds, _) = await OwnSettingsAsync(ct);
        foreach (var edit in edits)
        {
            var kind = kinds.FirstOrDefault(k => k.Id == edit.Id) ?? throw new DrillSettingsException(DrillsBureauText.SettingsChanged);
            kind.Update(edit.Name, kind.BoardingOnly, edit.IsActive);
        }

        var names = kinds.Select(k => k.Name).ToList();
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
        {
            throw new DrillSettingsException(DrillsBureauText.KindNameTaken);
        }

        await db.SaveChangesAsync(ct);
    }

    public async Task UpdateRulesAsync(IReadOnlyList<RuleEdit> edits, CancellationToken ct = default)
    {
        var (_, kinds, rules) = await OwnSettingsAsync(ct);
        foreach (var edit in edits)
        {
            var rule = rules.FirstOrDefault(r => r.Id == edit.Id) ?? throw new DrillSettingsException(DrillsBureauText.SettingsChanged);
            var kind = rule.KindId is { } k ? kinds.Single(x => x.Id == k) : null;
            rule.Update(rule.Audience, rule.Period, kind, edit.MinCount, rule.MonthsMask, edit.ReminderDaysBefore, edit.IsActive);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Copies the inherited kinds and requirements into the caller's bureau, and moves its schools' drills onto the
    /// copied kinds so that past drills keep counting for kind requirements. One transaction.
    /// </summary>
    public Task CreateOwnAsync(CancellationToken ct = default) =>
        db.InTransactionAsync(async () =>
        {
            var bureau = await OwnBureauEntityAsync(ct);
            var effective = await settings.ForScopeAsync(bureau.Path, ct);
            if (effective.OwnerBureauId is null || effective.OwnerBureauId == bureau.Id)
            {
                throw new DrillSettingsException(DrillsBureauText.NothingToCopy);
            }

            var map = new Dictionary<Guid, DrillKind>();
            foreach (var kind in effective.Kinds)
            {
                var copy = DrillKind.Create(bureau, kind.Code, kind.Name, kind.BoardingOnly, kind.SortOrder);
                copy.Update(kind.Name, kind.BoardingOnly, kind.IsActive);
                map[kind.Id] = copy;
                db.DrillKinds.Add(copy);
            }

            foreach (var rule in effective.Rules)
            {
                var kind = rule.KindId is { } k ? map[k] : null;
                var copy = DrillRule.Create(bureau, rule.Audience, rule.Period, kind, rule.MinCount, rule.MonthsMask, rule.ReminderDaysBefore);
                copy.Update(rule.Audience, rule.Period, kind, rule.MinCount, rule.MonthsMask, rule.ReminderDaysBefore, rule.IsActive);
                db.DrillRules.Add(copy);
            }

            var oldIds = map.Keys.ToList();
            foreach (var drill in await db.Drills.Where(d => oldIds.Contains(d.KindId)).ToListAsync(ct))
            {
                // Through the change tracker, so that each move is audited and tenant-guarded like any other write.
                db.Entry(drill).Property(d => d.KindId).CurrentValue = map[drill.KindId].Id;
            }

            await db.SaveChangesAsync(ct);
        }, ct);

    /// <summary>Starts from <see cref="DrillDefaults"/> when no bureau at or above the caller's has settings.</summary>
    public async Task UseDefaultsAsync(CancellationToken ct = default)
    {
        var bureau = await OwnBureauEntityAsync(ct);
        if ((await settings.ForScopeAsync(bureau.Path, ct)).OwnerBureauId is not null)
        {
            throw new DrillSettingsException(DrillsBureauText.SettingsExist);
        }

        var (kinds, rules) = DrillDefaults.For(bureau);
        db.DrillKinds.AddRange(kinds);
        db.DrillRules.AddRange(rules);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The caller's bureau: from the sign-in claims, else the last segment of a bureau user's scope path.</summary>
    private Guid? OwnBureauId =>
        scope.BureauId ?? (scope.Path?.Split('/', StringSplitOptions.RemoveEmptyEntries) is [.., var last] && Guid.TryParse(last, out var id) ? id : null);

    private async Task<(Guid Id, string Name, BureauLevel Level, string Path)> OwnBureauAsync(CancellationToken ct)
    {
        var bureau = await db.Bureaus.Where(b => b.Id == OwnBureauId).Select(b => new { b.Id, b.Name, b.Level, b.Path }).SingleOrDefaultAsync(ct)
            ?? throw new DrillSettingsException(DrillsBureauText.SettingsNotOwner);
        return (bureau.Id, bureau.Name, bureau.Level, bureau.Path);
    }

    private async Task<Domain.Bureau> OwnBureauEntityAsync(CancellationToken ct) =>
        await db.Bureaus.SingleOrDefaultAsync(b => b.Id == OwnBureauId, ct) ?? throw new DrillSettingsException(DrillsBureauText.SettingsNotOwner);

    private async Task<(Domain.Bureau Bureau, List<DrillKind> Kinds, List<DrillRule> Rules)> OwnSettingsAsync(CancellationToken ct)
    {
        var bureau = await OwnBureauEntityAsync(ct);
        var kinds = await db.DrillKinds.Where(k => k.BureauId == bureau.Id).ToListAsync(ct);
        if (kinds.Count == 0)
        {
            throw new DrillSettingsException(DrillsBureauText.SettingsNotOwner);
        }

        var rules = await db.DrillRules.Where(r => r.BureauId == bureau.Id).ToListAsync(ct);
        return (bureau, kinds, rules);
    }
}
