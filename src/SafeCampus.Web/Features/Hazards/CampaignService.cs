using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Drills;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Hazards;

/// <summary>What the officer asks for: the campaign and its schools (all, of one kind, or picked ids).</summary>
public sealed record CampaignSpec(string Name, Guid TemplateId, CampaignScope Audience, SchoolKind? Kind, IReadOnlyList<Guid> Picked,
    DateOnly StartsOn, DateOnly EndsOn);

/// <summary>A bureau launches a special campaign (专项检查) for schools of its subtree; schools answer it through <see cref="SelfCheckService"/>.</summary>
public sealed class CampaignService(AppDbContext db, TenantScope scope, HazardService hazards, HazardRules rules, TimeProvider clock)
{
    public async Task<HazardCampaign> CreateAsync(CampaignSpec spec, CancellationToken ct = default)
    {
        var actor = await hazards.ActorAsync(ct);
        var bureau = actor.IsBureau && scope.BureauId is { } id
            ? await db.Bureaus.SingleOrDefaultAsync(b => b.Id == id, ct) ?? throw new DomainException("Hazards.BureauOnly")
            : throw new DomainException("Hazards.BureauOnly");
        var template = await rules.ChecklistAsync(spec.TemplateId, bureau.Path, ct) ?? throw new DomainException("Hazards.CampaignChecklistInvalid");
        if (!template.IsCurrent)
        {
            throw new DomainException("Hazards.CampaignChecklistInvalid");
        }

        var campaign = HazardCampaign.Create(bureau, spec.Name, template, spec.Audience, spec.Kind, spec.StartsOn, spec.EndsOn, actor,
            clock.GetUtcNow(), clock.Today());

        // Schools are read through the tenant filter: a picked id outside the bureau's subtree is simply not found.
        var schools = db.Schools.Where(s => s.ScopePath.StartsWith(bureau.Path));
        List<School> chosen;
        switch (spec.Audience)
        {
            case CampaignScope.Kind:
                chosen = await schools.Where(s => s.Kind == spec.Kind).ToListAsync(ct);
                break;
            case CampaignScope.Picked:
                var picked = spec.Picked.Distinct().ToList();
                chosen = await schools.Where(s => picked.Contains(s.Id)).ToListAsync(ct);
                if (chosen.Count != picked.Count)
                {
                    throw new DomainException("Hazards.SchoolOutsideBureau");
                }

                break;
            default:
                chosen = await schools.ToListAsync(ct);
                break;
        }

        var rows = campaign.Include(chosen);
        db.HazardCampaigns.Add(campaign);
        db.HazardCampaignSchools.AddRange(rows);
        await db.SaveChangesAsync(ct);
        return campaign;
    }

    /// <summary>The checklists a bureau may pick: current versions of its own and its ancestors'.</summary>
    /// <summary>
    /// Withdraws a campaign issued by mistake (撤回). Only the bureau that launched it — a county does not see the city's
    /// campaign to change it, the city does not withdraw a county's. Schools stop seeing it as a task and can no longer
    /// answer it; answers and hazards already filed stay readable. Audited (the campaign's change: who, when, why).
    /// </summary>
    public async Task<HazardCampaign> WithdrawAsync(Guid campaignId, string? reason, bool confirmed, CancellationToken ct = default)
    {
        var actor = await hazards.ActorAsync(ct);
        if (!actor.IsBureau || scope.BureauId is not { } bureauId)
        {
            throw new DomainException("Hazards.BureauOnly");
        }

        var campaign = await db.HazardCampaigns.SingleOrDefaultAsync(c => c.Id == campaignId, ct) ?? throw new HazardNotFoundException();
        if (campaign.BureauId != bureauId)
        {
            throw new DomainException("Campaigns.NotIssuer");
        }

        if (!confirmed)
        {
            throw new DomainException("Campaigns.ConfirmRequired");
        }

        campaign.Withdraw(scope.UserName, reason ?? "", clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return campaign;
    }

    public async Task<List<ChecklistTemplate>> ChecklistsAsync(CancellationToken ct = default)
    {
        if (scope.Path is not { } path)
        {
            return [];
        }

        // Ancestors' checklists pass the tenant filter on purpose: they are the rules the bureau works to (see HazardRules).
        var ancestors = DrillSettings.AncestorPaths(path);
        return await db.ChecklistTemplates.AcrossTenants().AsNoTracking()
            .Where(t => t.IsCurrent && ancestors.Contains(t.ScopePath)).OrderByDescending(t => t.ScopePath.Length).ThenBy(t => t.Name)
            .ToListAsync(ct);
    }
}
