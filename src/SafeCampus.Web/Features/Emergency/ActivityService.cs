using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Drills;
using SafeCampus.Web.Features.Notifications;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Infrastructure.Files;

namespace SafeCampus.Web.Features.Emergency;

public sealed record ActivityRow(Guid Id, string School, string Title, DateOnly Date, string Place, int Pupils, int Staff, ActivityState State, DateTimeOffset SubmittedAt);

/// <summary>
/// Large activities (大型活动审批): the school applies with its safety plan, the county approves or returns it before the
/// date, the school files a summary afterwards. Loads go through the tenant filter; the county hears of each
/// application, the school's leads of each decision (once per activity and step).
/// </summary>
public sealed class ActivityService(AppDbContext db, EmergencyPeople people, Notifier notifier, FileStore files, TimeProvider clock)
{
    public Task<LargeActivity> ApplyAsync(ActivityApplication application, Upload safetyPlan, CancellationToken ct = default) =>
        db.InTransactionAsync(async () =>
        {
            var actor = await people.ActorAsync(ct);
            var school = actor.SchoolId is { } id
                ? await db.Schools.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw new EmergencyNotFoundException()
                : throw new DomainException("Emergency.SchoolOnly");
            var file = await files.SaveAsync(safetyPlan.Content, safetyPlan.FileName, FileCategory.Document, school.ScopePath, ct);
            var activity = LargeActivity.Apply(school, application, file, actor, clock.GetUtcNow(), clock.Today());
            db.Activities.Add(activity);
            await db.SaveChangesAsync(ct);
            var c = CultureInfo.CurrentCulture;
            await people.NotifyBureausAsync([school.BureauId], $"activity:{activity.Id}:submitted",
                string.Format(c, EmergencyText.ActivityNoticeTitle, school.Name, activity.Title),
                string.Format(c, EmergencyText.ActivityNoticeBody, EmergencyLabels.Date(activity.Date), activity.Place, activity.Pupils, activity.Staff),
                $"/activities/{activity.Id}", actor.UserId, ct);
            return activity;
        }, ct);

    public Task ReviewAsync(Guid id, uint version, bool approve, string? comment, CancellationToken ct = default) =>
        ChangeAsync(id, version, async (a, actor) =>
        {
            a.Review(approve, comment, actor, clock.GetUtcNow(), clock.Today());
            var c = CultureInfo.CurrentCulture;
            var leads = await people.SchoolLeadsAsync([a.SchoolId], ct);
            foreach (var user in leads[a.SchoolId])
            {
                await notifier.NotifyAsync(new NotificationMessage(user, $"activity:{a.Id}:reviewed:{user}",
                    string.Format(c, approve ? EmergencyText.ActivityApprovedTitle : EmergencyText.ActivityReturnedTitle, a.Title),
                    a.ReviewComment ?? "", $"/activities/{a.Id}"), ct);
            }
        }, ct);

    public Task MarkDoneAsync(Guid id, uint version, string summary, CancellationToken ct = default) =>
        ChangeAsync(id, version, (a, actor) =>
        {
            a.MarkDone(summary, actor, clock.GetUtcNow(), clock.Today());
            return Task.CompletedTask;
        }, ct);

    private async Task ChangeAsync(Guid id, uint version, Func<LargeActivity, EmergencyActor, Task> change, CancellationToken ct)
    {
        try
        {
            await db.InTransactionAsync(async () =>
            {
                var actor = await people.ActorAsync(ct);
                var activity = await db.Activities.SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw new EmergencyNotFoundException();
                if (activity.Version != version)
                {
                    throw new DomainException("Emergency.ActivityConcurrentEdit");
                }

                db.Entry(activity).Property(a => a.Version).OriginalValue = version;
                await change(activity, actor);
                await db.SaveChangesAsync(ct);
            }, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new DomainException("Emergency.ActivityConcurrentEdit");
        }
    }

    public async Task<IReadOnlyList<ActivityRow>> ListAsync(DateOnly? from, CancellationToken ct = default)
    {
        var q = db.Activities.AsNoTracking();
        if (from is { } f)
        {
            q = q.Where(a => a.Date >= f);
        }

        return await q.OrderBy(a => a.Date).ThenBy(a => a.SubmittedAt).Take(500)
            .Join(db.Schools, a => a.SchoolId, s => s.Id, (a, s) => new ActivityRow(a.Id, s.Name, a.Title, a.Date, a.Place, a.Pupils, a.Staff, a.State, a.SubmittedAt))
            .ToListAsync(ct);
    }

    public async Task<(LargeActivity LargeActivity, string School)?> ViewAsync(Guid id, CancellationToken ct = default)
    {
        var row = await db.Activities.AsNoTracking().Where(a => a.Id == id)
            .Join(db.Schools, a => a.SchoolId, s => s.Id, (a, s) => new { a, s.Name }).SingleOrDefaultAsync(ct);
        return row is null ? null : (row.a, row.Name);
    }

    public Task<int> PendingAsync(CancellationToken ct = default) =>
        db.Activities.CountAsync(a => a.State == ActivityState.Submitted, ct);
}
