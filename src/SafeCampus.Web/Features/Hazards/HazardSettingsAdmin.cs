using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Hazards;

/// <summary>
/// A bureau admin edits the checklist and rules of their bureau. Saving the checklist publishes a new version of the
/// bureau's own template (the first save copies what it inherited); self-checks keep the version they answered.
/// </summary>
public sealed class HazardSettingsAdmin(AppDbContext db, TenantScope scope, TimeProvider clock)
{
    public async Task<ChecklistTemplate> PublishChecklistAsync(string name, string text, CancellationToken ct = default)
    {
        var bureau = await BureauAsync(ct);
        var items = ChecklistText.Parse(text);
        if (items.Any(i => i.Area.Length == 0))
        {
            throw new DomainException("Hazards.ChecklistItemInvalid");
        }

        var own = await db.ChecklistTemplates.Where(t => t.BureauId == bureau.Id).ToListAsync(ct);
        foreach (var t in own.Where(t => t.IsCurrent))
        {
            t.Retire();
        }

        var version = own.Count == 0 ? 1 : own.Max(t => t.Version) + 1;
        var template = ChecklistTemplate.Create(bureau, name, items, version, scope.UserId, clock.GetUtcNow());
        db.ChecklistTemplates.Add(template);
        await db.SaveChangesAsync(ct);
        return template;
    }

    public async Task SaveSettingsAsync(int perMonth, int alertDays, string? prefix, CancellationToken ct = default)
    {
        var bureau = await BureauAsync(ct);
        var settings = await db.HazardSettings.SingleOrDefaultAsync(s => s.BureauId == bureau.Id, ct);
        if (settings is null)
        {
            settings = HazardSettings.Create(bureau);
            db.HazardSettings.Add(settings);
        }

        settings.Update(perMonth, alertDays, prefix);
        await db.SaveChangesAsync(ct);
    }

    public async Task<Bureau> BureauAsync(CancellationToken ct = default) =>
        scope.SchoolId is null && scope.BureauId is { } id
            ? await db.Bureaus.SingleOrDefaultAsync(b => b.Id == id, ct) ?? throw new DomainException("Hazards.BureauOnly")
            : throw new DomainException("Hazards.BureauOnly");
}
