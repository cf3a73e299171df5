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
/// The school's self-check of the current period: every item answered; each "hazard" answer becomes a hazard of the
/// ledger (source self-check, linked to the item's area), all in one transaction.
/// </summary>
public sealed class SelfCheckService(AppDbContext db, HazardService hazards, HazardRules rules, FileStore files, TimeProvider clock)
{
    public async Task<SelfCheck> SubmitAsync(Guid templateId, IReadOnlyList<SelfCheckInput> answers, CancellationToken ct = default)
    {
        var actor = await hazards.ActorAsync(ct);
        var school = actor.SchoolId is { } id
            ? await db.Schools.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw new HazardNotFoundException()
            : throw new DomainException("Hazards.NotAllowed");
        var effective = await rules.ForAsync(school.ScopePath, ct);
        var template = effective.Checklist ?? throw new DomainException("Hazards.NoChecklist");
        if (template.Id != templateId)
        {
            // The bureau published a new version while the form was open: answer the current one.
            throw new DomainException("Hazards.ChecklistChanged");
        }

        var today = clock.Today();
        var now = clock.GetUtcNow();
        var period = SelfCheckPeriod.Containing(today, effective.SelfChecksPerMonth);
        if (await db.SelfChecks.AnyAsync(c => c.SchoolId == school.Id && c.PeriodKey == period.Key, ct))
        {
            throw new DomainException("Hazards.AlreadyChecked");
        }

        var check = SelfCheck.Submit(school, template, period.Key, today,
            answers.Select(a => new SelfCheckAnswer(a.ItemId, a.Result, string.IsNullOrWhiteSpace(a.Note) ? null : a.Note.Trim())).ToList(), actor, now);
        var items = template.Items.ToDictionary(i => i.Id);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            db.SelfChecks.Add(check);
            foreach (var answer in answers.Where(a => a.Result == CheckResult.Hazard))
            {
                var item = items[answer.ItemId];
                var place = item.Text.Length > 100 ? item.Text[..100] : item.Text;
                var hazard = Hazard.Report(school, new HazardReport(place, answer.Note!, item.Area, HazardGrade.General, today, actor.Name),
                    HazardSource.SelfCheck, actor, now, today, selfCheckId: check.Id);
                foreach (var photo in answer.Photos)
                {
                    hazard.AddPhoto(await files.SaveAsync(photo.Content, photo.FileName, FileCategory.Image, school.ScopePath, ct), evidence: false);
                }

                db.Hazards.Add(hazard);
                check.LinkHazard(item.Id, hazard.Id);
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return check;
        }
        catch (DbUpdateException)
        {
            // The same period submitted twice at once: the unique (school, period) index refused the second.
            db.ChangeTracker.Clear();
            throw new DomainException("Hazards.AlreadyChecked");
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }
    }
}
