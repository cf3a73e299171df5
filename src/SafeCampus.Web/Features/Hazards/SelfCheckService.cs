using SafeCampus.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Drills;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Infrastructure.Files;

namespace SafeCampus.Web.Features.Hazards;

/// <summary>One answered checklist item as posted: a "hazard" answer may carry photos.</summary>
public sealed record SelfCheckInput(int ItemId, CheckResult Result, string? Note, IReadOnlyList<Upload> Photos);

/// <summary>
/// A school works through a checklist: the periodic self-check of the current period, or a special campaign's
/// checklist. Every item answered; each "hazard" answer becomes a hazard of the ledger (source self-check or
/// campaign, linked to the item's area), all in one transaction.
/// </summary>
public sealed class SelfCheckService(AppDbContext db, HazardService hazards, HazardRules rules, FileStore files, TimeProvider clock)
{
    public Task<SelfCheck> SubmitAsync(Guid templateId, IReadOnlyList<SelfCheckInput> answers, CancellationToken ct = default) =>
        InTransactionAsync("Hazards.AlreadyChecked", async () =>
        {
            var (actor, school) = await SchoolActorAsync(ct);
            var effective = await rules.ForAsync(school.ScopePath, ct);
            var template = effective.Checklist ?? throw new DomainException("Hazards.NoChecklist");
            if (template.Id != templateId)
            {
                // The bureau published a new version while the form was open: answer the current one.
                throw new DomainException("Hazards.ChecklistChanged");
            }

            var period = SelfCheckPeriod.Containing(clock.Today(), effective.SelfChecksPerMonth);
            if (await db.SelfChecks.AnyAsync(c => c.SchoolId == school.Id && c.PeriodKey == period.Key && c.CampaignId == null, ct))
            {
                throw new DomainException("Hazards.AlreadyChecked");
            }

            return await SaveAsync(actor, school, template, period.Key, null, null, answers, ct);
        }, ct);

    /// <summary>The school answers a special campaign it is part of, once, from the campaign's start.</summary>
    public Task<SelfCheck> SubmitCampaignAsync(Guid campaignId, IReadOnlyList<SelfCheckInput> answers, CancellationToken ct = default) =>
        InTransactionAsync("Hazards.CampaignAlreadyAnswered", async () =>
        {
            var (actor, school) = await SchoolActorAsync(ct);
            var row = await db.HazardCampaignSchools.SingleOrDefaultAsync(r => r.CampaignId == campaignId && r.SchoolId == school.Id, ct)
                ?? throw new HazardNotFoundException();

            // The campaign is the bureau's row: read by the id of the school's own campaign row only.
            var campaign = await db.HazardCampaigns.AcrossTenants().AsNoTracking().SingleAsync(c => c.Id == row.CampaignId, ct);
            if (campaign.IsWithdrawn)
            {
                throw new DomainException("Hazards.CampaignWithdrawn");
            }

            var template = await rules.ChecklistAsync(campaign.TemplateId, school.ScopePath, ct) ?? throw new DomainException("Hazards.NoChecklist");
            if (row.CheckId is not null)
            {
                throw new DomainException("Hazards.CampaignAlreadyAnswered");
            }

            return await SaveAsync(actor, school, template, SelfCheck.CampaignPeriodKey, campaign, row, answers, ct);
        }, ct);

    /// <summary>The whole submission, its reads included, in one retried transaction.</summary>
    private async Task<SelfCheck> InTransactionAsync(string duplicateCode, Func<Task<SelfCheck>> work, CancellationToken ct)
    {
        try
        {
            return await db.InTransactionAsync(work, ct);
        }
        catch (DbUpdateException)
        {
            // Submitted twice at once: a unique index (school and period, or campaign and school) refused the second.
            throw new DomainException(duplicateCode);
        }
    }

    private async Task<(HazardActor Actor, School School)> SchoolActorAsync(CancellationToken ct)
    {
        var actor = await hazards.ActorAsync(ct);
        var school = actor.SchoolId is { } id
            ? await db.Schools.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw new HazardNotFoundException()
            : throw new DomainException("Hazards.NotAllowed");
        return (actor, school);
    }

    private async Task<SelfCheck> SaveAsync(HazardActor actor, School school, ChecklistTemplate template, string periodKey, HazardCampaign? campaign,
        HazardCampaignSchool? row, IReadOnlyList<SelfCheckInput> answers, CancellationToken ct)
    {
        var today = clock.Today();
        var now = clock.GetUtcNow();
        var check = SelfCheck.Submit(school, template, periodKey, today,
            answers.Select(a => new SelfCheckAnswer(a.ItemId, a.Result, string.IsNullOrWhiteSpace(a.Note) ? null : a.Note.Trim())).ToList(), actor, now,
            campaign?.Id);
        if (campaign is not null)
        {
            row!.Complete(campaign, check, today);
        }

        var source = campaign is null ? HazardSource.SelfCheck : HazardSource.Campaign;
        var items = template.Items.ToDictionary(i => i.Id);
        db.SelfChecks.Add(check);
        foreach (var answer in answers.Where(a => a.Result == CheckResult.Hazard))
        {
            var item = items[answer.ItemId];
            var place = item.Text.Length > 100 ? item.Text[..100] : item.Text;
            var hazard = Hazard.Report(school, new HazardReport(place, answer.Note!, item.Area, HazardGrade.General, today, actor.Name),
                source, actor, now, today, selfCheckId: check.Id, campaignId: campaign?.Id);
            foreach (var photo in answer.Photos)
            {
                hazard.AddPhoto(await files.SaveAsync(photo.Content, photo.FileName, FileCategory.Image, school.ScopePath, ct), evidence: false);
            }

            db.Hazards.Add(hazard);
            check.LinkHazard(item.Id, hazard.Id);
        }

        await db.SaveChangesAsync(ct);
        return check;
    }
}
