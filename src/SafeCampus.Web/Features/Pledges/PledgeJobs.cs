using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Notifications;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Infrastructure.Scheduling;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Pledges;

/// <summary>
/// Daily at 08:30 China time: for every open campaign whose deadline is within one of its reminder days, every
/// non-signer (principal or staff) is reminded in the app and by e-mail. One reminder per signature and reminder
/// day (idempotency key), however often the job runs; a job first run late sends only the nearest stage.
/// </summary>
public sealed class PledgeReminderJob(AppDbContext db, TenantScope scope, Notifier notifier, TimeProvider clock) : IScheduledJob
{
    public async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        using var _ = scope.EnterSystem("pledge-reminders");
        await RunAsync(cancellationToken);
    }

    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var today = clock.Today();
        var campaigns = await db.PledgeCampaigns.AsNoTracking().Where(c => c.Deadline >= today && c.WithdrawnAt == null).ToListAsync(ct);
        var c = CultureInfo.CurrentCulture;
        var sent = 0;
        foreach (var campaign in campaigns)
        {
            var daysLeft = campaign.Deadline.DayNumber - today.DayNumber;
            var stages = campaign.Reminders.Where(d => daysLeft <= d).ToList();
            if (stages.Count == 0)
            {
                continue;
            }

            var stage = stages.Min();
            var pending = await db.PledgeSignatures.AsNoTracking().Where(s => s.CampaignId == campaign.Id && s.SignedAt == null)
                .Select(s => new { s.Id, s.UserId }).ToListAsync(ct);
            var title = string.Format(c, PledgesText.Remind_Title, campaign.Title);
            var body = string.Format(c, PledgesText.Remind_Body, campaign.Title, PledgeWords.Date(campaign.Deadline), daysLeft);
            foreach (var s in pending)
            {
                if (await notifier.NotifyAsync(new NotificationMessage(s.UserId, $"pledge-remind:{s.Id}:{stage}", title, body, $"/pledges/sign/{s.Id}"), ct))
                {
                    sent++;
                }
            }
        }

        return sent;
    }
}

/// <summary>
/// Daily at 06:00 China time: launches every recurring campaign whose day has come this year (early May and early
/// September, the bureau's dates before the holidays) for all schools of its bureau, with the templates' latest
/// versions. A schedule launches at most once a year.
/// </summary>
public sealed class PledgeScheduleJob(AppDbContext db, TenantScope scope, PledgeService pledges, TimeProvider clock, ILogger<PledgeScheduleJob> log) : IScheduledJob
{
    public async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        using var _ = scope.EnterSystem("pledge-schedules");
        await RunAsync(cancellationToken);
    }

    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var today = clock.Today();
        var launched = 0;
        foreach (var schedule in (await db.PledgeSchedules.Where(s => s.IsActive).ToListAsync(ct)).Where(s => s.IsDue(today)))
        {
            var bureau = await db.Bureaus.SingleAsync(b => b.Id == schedule.BureauId, ct);
            var reminders = schedule.ReminderDays.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
            var year = today.Month >= 8 ? $"{today.Year}—{today.Year + 1}学年" : $"{today.Year - 1}—{today.Year}学年";
            try
            {
                await pledges.LaunchForAsync(bureau, new LaunchInput($"{today.Year}年{schedule.Title}", year, schedule.PrincipalTemplateId,
                    schedule.StaffTemplateId, schedule.ParentTemplateId, today.AddDays(schedule.DaysToDeadline), reminders, new CampaignAudience(null)), schedule.Id, ct);
                schedule.MarkLaunched(today.Year);
                await db.SaveChangesAsync(ct);
                launched++;
            }
            catch (DomainException ex)
            {
                db.ChangeTracker.Clear();
                log.LogWarning("Recurring pledge campaign {Schedule} not launched: {Code}", schedule.Id, ex.Code);
            }
        }

        return launched;
    }
}
