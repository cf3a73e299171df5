using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Drills;
using SafeCampus.Web.Features.Notifications;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Infrastructure.Files;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Emergency;

/// <summary>
/// Early warnings (预警): a bureau issues one to its subtree (or chosen districts and kinds of school), each school gets
/// one copy (<see cref="WarningRecipient"/>) and its leads a notification; schools confirm reading and reply; the
/// bureau reminds unread schools once. Every write loads through the tenant filter: a school only ever finds its
/// own copy, so a reply to another subtree's warning finds nothing.
/// </summary>
public sealed class WarningService(AppDbContext db, TenantScope scope, EmergencyPeople people, Notifier notifier, FileStore files, ISmsSender sms, TimeProvider clock)
{
    /// <summary>Issues the warning with its attachments, fans it out and notifies, in one unit of work.</summary>
    public Task<Warning> IssueAsync(WarningDraft draft, WarningTarget target, IReadOnlyList<Upload> attachments, CancellationToken ct = default) =>
        db.InTransactionAsync(async () =>
        {
            var actor = await people.ActorAsync(ct);
            var bureau = actor is { IsBureau: true, BureauId: { } id }
                ? await db.Bureaus.SingleOrDefaultAsync(b => b.Id == id, ct) ?? throw new DomainException("Emergency.BureauOnly")
                : throw new DomainException("Emergency.BureauOnly");
            var districts = target.DistrictIds.Distinct().ToList();
            if (districts.Count > 0 && await db.SafetyDistricts.CountAsync(d => districts.Contains(d.Id), ct) != districts.Count)
            {
                throw new DomainException("Emergency.TargetInvalid");
            }

            if (draft.Sms && !sms.IsAvailable)
            {
                throw new DomainException("Emergency.SmsUnavailable");
            }

            var warning = Warning.Issue(bureau, draft, target, actor, clock.GetUtcNow(), clock.Today());
            if (attachments.Count > Warning.MaxAttachments)
            {
                throw new DomainException("Emergency.TooManyFiles");
            }

            foreach (var upload in attachments)
            {
                warning.Attach(await files.SaveAsync(upload.Content, upload.FileName, FileCategory.Document, bureau.Path, ct));
            }

            db.Warnings.Add(warning);
            await db.SaveChangesAsync(ct);
            if (await FanOutAsync(warning, ct) == 0)
            {
                throw new DomainException("Emergency.NoSchoolsTargeted");
            }

            return warning;
        }, ct);

    /// <summary>
    /// Gives every targeted school of the warning's subtree its copy and tells its leads (and, for a warning from above,
    /// the county bureaus it passes through). Idempotent: a school that has its copy is skipped, the unique index on
    /// (warning, school) refuses a concurrent duplicate, and every notification has its key — run it again and
    /// nothing is added or sent twice. Returns the number of schools the warning reached in all.
    /// </summary>
    public async Task<int> FanOutAsync(Warning warning, CancellationToken ct = default)
    {
        var schools = await db.Schools.Where(s => s.ScopePath.StartsWith(warning.ScopePath))
            .Select(s => new { s.Id, s.DistrictId, s.Kind }).ToListAsync(ct);
        var targeted = schools.Where(s => warning.Targets(s.DistrictId, s.Kind)).Select(s => s.Id).ToList();
        var existing = (await db.WarningRecipients.Where(r => r.WarningId == warning.Id).Select(r => r.SchoolId).ToListAsync(ct)).ToHashSet();
        var missing = targeted.Where(id => !existing.Contains(id)).ToList();
        if (missing.Count > 0)
        {
            var rows = await db.Schools.Where(s => missing.Contains(s.Id)).ToListAsync(ct);
            db.WarningRecipients.AddRange(rows.Select(s => WarningRecipient.For(warning, s)));
            await db.SaveChangesAsync(ct);
        }

        var c = CultureInfo.CurrentCulture;
        var title = string.Format(c, EmergencyText.WarningNoticeTitle, EmergencyLabels.Level(warning.Level), warning.Title);
        var body = string.Format(c, EmergencyText.WarningNoticeBody, warning.Title, EmergencyLabels.Date(warning.ReplyBy));
        var link = $"/warnings/{warning.Id}";
        var leads = await people.SchoolLeadsAsync(targeted, ct);
        foreach (var school in targeted)
        {
            foreach (var user in leads[school])
            {
                await notifier.NotifyAsync(new NotificationMessage(user, $"warning:{warning.Id}:{user}", title, body, link), ct);
            }
        }

        if (warning.Sms)
        {
            await QueueSmsAsync(warning, leads.SelectMany(l => l).ToList(), ct);
        }

        // A city's warning passes through its counties: each county's staff hear what reached their schools.
        var counties = await db.WarningRecipients.Where(r => r.WarningId == warning.Id && r.BureauId != warning.BureauId)
            .GroupBy(r => r.BureauId).Select(g => new { Bureau = g.Key, Schools = g.Count() }).ToListAsync(ct);
        foreach (var county in counties)
        {
            await people.NotifyBureausAsync([county.Bureau], $"warning-county:{warning.Id}", title,
                string.Format(c, EmergencyText.WarningPassedBody, warning.Title, county.Schools), link, null, ct);
        }

        return targeted.Count;
    }

    /// <summary>Queues one text message per lead with a mobile number, once per warning and person (the unique index).</summary>
    private async Task QueueSmsAsync(Warning warning, IReadOnlyList<string> userIds, CancellationToken ct)
    {
        var queued = (await db.WarningSms.Where(s => s.WarningId == warning.Id).Select(s => s.UserId).ToListAsync(ct)).ToHashSet();
        var users = await db.Users.Where(u => userIds.Contains(u.Id) && u.PhoneNumber != null && u.PhoneNumber != "").ToListAsync(ct);
        var text = string.Format(CultureInfo.CurrentCulture, EmergencyText.SmsText, EmergencyLabels.Level(warning.Level), warning.Title, EmergencyLabels.Date(warning.ReplyBy));
        var now = clock.GetUtcNow();
        db.WarningSms.AddRange(users.Where(u => !queued.Contains(u.Id)).Select(u => WarningSms.For(warning, u, text, now)));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The school confirms reading its copy (确认已读).</summary>
    public async Task ConfirmReadAsync(Guid warningId, CancellationToken ct = default)
    {
        var actor = await people.ActorAsync(ct);
        var copy = await OwnCopyAsync(warningId, actor, ct);
        if (copy.ConfirmRead(actor, clock.GetUtcNow()))
        {
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>The school replies with what it did, with photos (落实情况).</summary>
    public Task ReplyAsync(Guid warningId, string text, IReadOnlyList<Upload> photos, CancellationToken ct = default) =>
        db.InTransactionAsync(async () =>
        {
            var actor = await people.ActorAsync(ct);
            var copy = await OwnCopyAsync(warningId, actor, ct);
            if (photos.Count > WarningRecipient.MaxPhotos)
            {
                throw new DomainException("Emergency.TooManyFiles");
            }

            if (copy.RepliedAt is not null)
            {
                throw new DomainException("Emergency.AlreadyReplied");
            }

            var stored = new List<StoredFile>();
            foreach (var photo in photos)
            {
                stored.Add(await files.SaveAsync(photo.Content, photo.FileName, FileCategory.Image, copy.ScopePath, ct));
            }

            copy.Reply(text, stored, actor, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }, ct);

    /// <summary>
    /// Reminds the schools of the caller's subtree that have not read the warning, once each (the copy records the
    /// reminder; the notification has its key). Returns how many schools were reminded.
    /// </summary>
    public Task<int> RemindAsync(Guid warningId, CancellationToken ct = default) =>
        db.InTransactionAsync(async () =>
        {
            var actor = await people.ActorAsync(ct);
            if (!actor.IsBureau)
            {
                throw new DomainException("Emergency.BureauOnly");
            }

            var warning = await VisibleWarningAsync(warningId, ct) ?? throw new EmergencyNotFoundException();
            var now = clock.GetUtcNow();
            var unread = await db.WarningRecipients.Where(r => r.WarningId == warningId && r.ReadAt == null && r.RemindedAt == null).ToListAsync(ct);
            var reminded = unread.Where(r => r.MarkReminded(now)).ToList();
            if (reminded.Count == 0)
            {
                throw new DomainException("Emergency.NothingToRemind");
            }

            await db.SaveChangesAsync(ct);
            var c = CultureInfo.CurrentCulture;
            var leads = await people.SchoolLeadsAsync(reminded.Select(r => r.SchoolId).ToList(), ct);
            foreach (var copy in reminded)
            {
                foreach (var user in leads[copy.SchoolId])
                {
                    await notifier.NotifyAsync(new NotificationMessage(user, $"warning-remind:{copy.Id}:{user}",
                        string.Format(c, EmergencyText.RemindTitle, warning.Title), string.Format(c, EmergencyText.RemindBody, warning.Title, EmergencyLabels.Date(warning.ReplyBy)),
                        $"/warnings/{warning.Id}"), ct);
                }
            }

            return reminded.Count;
        }, ct);

    /// <summary>
    /// A warning the caller may see: one issued in their subtree, or one from above that reached a school of it. The
    /// issuing bureau's row lies above a county or a school, so it is read past the tenant filter, and only when a
    /// copy in the caller's scope proves it was sent there.
    /// </summary>
    public Task<Warning?> VisibleWarningAsync(Guid id, CancellationToken ct)
    {
        var prefix = scope.FilterPrefix;
        return db.Warnings.AcrossTenants().AsNoTracking()
            .Where(w => w.Id == id && (w.ScopePath.StartsWith(prefix) || db.WarningRecipients.Any(r => r.WarningId == w.Id && r.ScopePath.StartsWith(prefix))))
            .SingleOrDefaultAsync(ct);
    }

    private async Task<WarningRecipient> OwnCopyAsync(Guid warningId, EmergencyActor actor, CancellationToken ct)
    {
        if (actor.SchoolId is not { } school)
        {
            throw new DomainException("Emergency.SchoolOnly");
        }

        return await db.WarningRecipients.Include(r => r.Photos).SingleOrDefaultAsync(r => r.WarningId == warningId && r.SchoolId == school, ct)
            ?? throw new EmergencyNotFoundException();
    }
}
