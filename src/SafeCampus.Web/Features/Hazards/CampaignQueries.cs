using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Hazards;

public sealed record CampaignRow(Guid Id, string Name, DateOnly StartsOn, DateOnly EndsOn, int Schools, int Done, int Hazards, int Closed, bool Withdrawn = false);

public sealed record CampaignSchoolRow(Guid SchoolId, string School, SchoolKind Kind, DateTimeOffset? DoneAt, int Hazards, int Open);

public sealed record CampaignStateCount(HazardState State, int Count, int Overdue);

/// <summary>The bureau's view of one campaign: schools done / not done, and the hazards found by state.</summary>
public sealed record CampaignView(HazardCampaign Campaign, string Checklist, IReadOnlyList<CampaignSchoolRow> Schools, IReadOnlyList<CampaignStateCount> States);

/// <summary>A school's campaign: the campaign (the bureau's row, read by the id of the school's own row) and whether it answered.</summary>
public sealed record SchoolCampaign(HazardCampaign Campaign, HazardCampaignSchool Row, int Hazards);

public sealed class CampaignQueries(AppDbContext db, TenantScope scope, TimeProvider clock)
{
    /// <summary>Campaigns in scope, newest first, counts aggregated in SQL.</summary>
    public Task<List<CampaignRow>> ListAsync(CancellationToken ct = default) =>
        db.HazardCampaigns.AsNoTracking().OrderByDescending(c => c.StartsOn).ThenByDescending(c => c.CreatedAt).Take(200)
            .Select(c => new CampaignRow(c.Id, c.Name, c.StartsOn, c.EndsOn, c.SchoolCount,
                db.HazardCampaignSchools.Count(r => r.CampaignId == c.Id && r.CheckId != null),
                db.Hazards.Count(h => h.CampaignId == c.Id),
                db.Hazards.Count(h => h.CampaignId == c.Id && h.State == HazardState.Accepted), c.WithdrawnAt != null))
            .ToListAsync(ct);

    public async Task<CampaignView?> ViewAsync(Guid id, CancellationToken ct = default)
    {
        var campaign = await db.HazardCampaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null)
        {
            return null;
        }

        var checklist = await db.ChecklistTemplates.AcrossTenants().Where(t => t.Id == campaign.TemplateId).Select(t => t.Name).SingleAsync(ct);
        var schools = (await db.HazardCampaignSchools.AsNoTracking().Where(r => r.CampaignId == id)
            .Join(db.Schools, r => r.SchoolId, s => s.Id, (r, s) => new
            {
                s.Id, s.Name, s.Kind, r.DoneAt,
                Hazards = db.Hazards.Count(h => h.CampaignId == id && h.SchoolId == s.Id),
                Open = db.Hazards.Count(h => h.CampaignId == id && h.SchoolId == s.Id && h.State != HazardState.Accepted),
            })
            .OrderBy(r => r.DoneAt == null ? 0 : 1).ThenBy(r => r.Name)
            .ToListAsync(ct))
            .Select(r => new CampaignSchoolRow(r.Id, r.Name, r.Kind, r.DoneAt, r.Hazards, r.Open)).ToList();
        var today = clock.Today();
        var states = await db.Hazards.AsNoTracking().Where(h => h.CampaignId == id).GroupBy(h => h.State)
            .Select(g => new CampaignStateCount(g.Key, g.Count(), g.Count(h => (h.State == HazardState.Planned || h.State == HazardState.Returned) && h.Deadline < today)))
            .ToListAsync(ct);
        return new CampaignView(campaign, checklist, schools, states.OrderBy(s => s.State).ToList());
    }

    /// <summary>The signed-in school's campaigns, newest first.</summary>
    public async Task<List<SchoolCampaign>> ForSchoolAsync(Guid? only = null, CancellationToken ct = default)
    {
        if (scope.SchoolId is not { } schoolId)
        {
            return [];
        }

        var rows = await db.HazardCampaignSchools.AsNoTracking().Where(r => r.SchoolId == schoolId && (only == null || r.CampaignId == only)).ToListAsync(ct);
        var ids = rows.Select(r => r.CampaignId).ToList();

        // The bureau's campaign rows, read only by the ids of the school's own rows.
        var campaigns = await db.HazardCampaigns.AcrossTenants().AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var hazards = await db.Hazards.AsNoTracking().Where(h => h.SchoolId == schoolId && h.CampaignId != null && ids.Contains(h.CampaignId.Value))
            .GroupBy(h => h.CampaignId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return rows.Select(r => new SchoolCampaign(campaigns[r.CampaignId], r, hazards.GetValueOrDefault(r.CampaignId)))
            .OrderByDescending(c => c.Campaign.StartsOn).ToList();
    }
}
