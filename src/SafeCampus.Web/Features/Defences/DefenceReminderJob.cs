using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Notifications;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Infrastructure.Scheduling;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Defences;

/// <summary>What one run sent.</summary>
public sealed record DefenceReminderResult(int Reminders, int LateNotices, int ReportsQueued);

/// <summary>
/// Daily at 08:00 China time. Around each school's due day (its bureau's, 25th by default) the safety director and
/// principal of every school that has not submitted this month's return are reminded: five days before (the 20th),
/// the day before (24th) and on the morning of the due day; the day after (26th) they, and the county's safety
/// officers in one list, are told the return is late, and every bureau's statistics PDF for the month is queued.
/// A stage missed (the app was down) is sent on a later day of the same stage window.
/// Exactly once per school, month, stage and recipient: the Notifier's idempotency key
/// <c>defences:{schoolId}:{yyyy-MM}:{stage}:{userId}</c> makes a retried run, a run killed half-way and run again
/// (Hangfire runs it again), or two cluster nodes running it together send each reminder once.
/// The county's notice says how many schools are late and links to the list on the statistics page (a notification
/// body holds 4,000 characters; a county has up to thousands of schools). A recipient whose notification fails is
/// logged and skipped: the others and the PDF queue go on, and the run fails at the end so that Hangfire retries it.
/// </summary>
public sealed class DefenceReminderJob(AppDbContext db, TenantScope scope, Notifier notifier, DefenceReports reports, TimeProvider clock,
    ILogger<DefenceReminderJob> log) : IScheduledJob
{
    public const string KeyPrefix = "defences:";

    public async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        using var _ = scope.EnterSystem("defence-reminders");
        await RunAsync(cancellationToken);
    }

    /// <summary>The stage of the reminders on a day, relative to the due date; null outside the windows.</summary>
    public static string? Stage(DateOnly today, DateOnly due) => (due.DayNumber - today.DayNumber) switch
    {
        >= 2 and <= 5 => "before5",
        1 => "before1",
        0 => "due",
        >= -5 and <= -1 => "late",
        _ => null,
    };

    public async Task<DefenceReminderResult> RunAsync(CancellationToken ct = default)
    {
        var today = clock.Today();
        var month = DefenceReturn.FirstOfMonth(today);
        var monthKey = DefenceMonths.Key(month);
        var tree = await DefenceStandardsTree.LoadAsync(db, "/", ct);
        var schools = await db.Schools.OrderBy(s => s.Id).Select(s => new { s.Id, s.Name, s.BureauId, s.ScopePath }).ToListAsync(ct);
        var reported = (await db.DefenceReturns.Where(r => r.Month == month && DefenceReturn.Reported.Contains(r.State))
            .Select(r => r.SchoolId).ToListAsync(ct)).ToHashSet();
        var schoolUsers = (await db.Users
                .Where(u => u.SchoolId != null && !u.IsDisabled && (u.Role == UserRole.SafetyDirector || u.Role == UserRole.Principal))
                .OrderBy(u => u.Id)
                .Select(u => new { u.Id, SchoolId = u.SchoolId!.Value }).ToListAsync(ct))
            .ToLookup(u => u.SchoolId, u => u.Id);
        var officers = (await db.Users
                .Where(u => u.BureauId != null && u.SchoolId == null && !u.IsDisabled && u.Role == UserRole.BureauSafetyOfficer)
                .Select(u => new { u.Id, BureauId = u.BureauId!.Value }).ToListAsync(ct))
            .ToLookup(u => u.BureauId, u => u.Id);
        // Keys of this month already sent: a re-run skips them without a round trip each (the unique key still guards).
        var sent = (await db.Notifications.Where(n => n.IdempotencyKey.StartsWith(KeyPrefix) && n.IdempotencyKey.Contains(":" + monthKey + ":"))
            .Select(n => n.IdempotencyKey).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

        var c = CultureInfo.CurrentCulture;
        int reminders = 0, late = 0, queued = 0;
        var lateByBureau = new Dictionary<Guid, int>();
        var failures = new List<Exception>();
        foreach (var school in schools)
        {
            var due = tree.For(school.ScopePath).DueDate(month);
            if (Stage(today, due) is not { } stage || reported.Contains(school.Id))
            {
                continue;
            }

            var daysLeft = due.DayNumber - today.DayNumber;
            var dueText = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var title = stage == "late"
                ? string.Format(c, DefencesText.LateTitle1, DefenceMonths.Label(month), dueText)
                : string.Format(c, DefencesText.RemindTitle, DefenceMonths.Label(month), dueText, daysLeft);
            var body = string.Format(c, stage == "late" ? DefencesText.LateBody : DefencesText.RemindBody, school.Name, DefenceMonths.Label(month), dueText);
            foreach (var user in schoolUsers[school.Id])
            {
                var key = $"{KeyPrefix}{school.Id}:{monthKey}:{stage}:{user}";
                if (sent.Add(key) && await TryNotifyAsync(new NotificationMessage(user, key, title, body, $"/defences/{monthKey}"), failures, ct))
                {
                    reminders += stage == "late" ? 0 : 1;
                    late += stage == "late" ? 1 : 0;
                }
            }

            if (stage == "late")
            {
                lateByBureau[school.BureauId] = lateByBureau.GetValueOrDefault(school.BureauId) + 1;
            }
        }

        foreach (var (bureauId, count) in lateByBureau)
        {
            var title = string.Format(c, DefencesText.LateListTitle, DefenceMonths.Label(month), count);
            var body = string.Format(c, DefencesText.LateListBody, DefenceMonths.Label(month), count);
            var link = $"/defences/bureau?month={monthKey}&bureau={bureauId}#late-list";
            foreach (var officer in officers[bureauId])
            {
                var key = $"{KeyPrefix}{bureauId}:{monthKey}:late:{officer}";
                if (sent.Add(key) && await TryNotifyAsync(new NotificationMessage(officer, key, title, body, link), failures, ct))
                {
                    late++;
                }
            }
        }

        queued += await QueueMonthlyReportsAsync(tree, today, month, ct);
        if (failures.Count > 0)
        {
            throw new AggregateException($"{failures.Count} reminder(s) of {monthKey} could not be written; the others were sent.", failures);
        }

        return new DefenceReminderResult(reminders, late, queued);
    }

    /// <summary>One recipient's failure is logged and collected; it never stops the others.</summary>
    private async Task<bool> TryNotifyAsync(NotificationMessage message, List<Exception> failures, CancellationToken ct)
    {
        try
        {
            return await notifier.NotifyAsync(message, ct);
        }
        catch (Exception ex) when (ex is DbUpdateException or Npgsql.NpgsqlException or InvalidOperationException or TenantViolationException)
        {
            log.LogError(ex, "Reminder {Key} to {User} failed", message.IdempotencyKey, message.UserId);
            failures.Add(ex);
            return false;
        }
    }

    /// <summary>After each bureau's deadline (from the day after it), its statistics PDF for the month is generated once.</summary>
    private async Task<int> QueueMonthlyReportsAsync(DefenceStandardsTree tree, DateOnly today, DateOnly month, CancellationToken ct)
    {
        var bureaus = await db.Bureaus.OrderBy(b => b.Path).Select(b => new { b.Id, b.Path }).ToListAsync(ct);
        var done = (await db.DefenceReports.Where(r => r.Month == month && r.Automatic).Select(r => r.BureauId).ToListAsync(ct)).ToHashSet();
        var queued = 0;
        foreach (var bureau in bureaus.Where(b => !done.Contains(b.Id) && Stage(today, tree.For(b.Path).DueDate(month)) == "late"))
        {
            try
            {
                await reports.QueueAsync(bureau.Id, month, automatic: true, ct);
                queued++;
            }
            catch (DbUpdateException)
            {
                // Another node queued it first (unique per bureau and month for automatic reports).
                db.ChangeTracker.Clear();
            }
        }

        return queued;
    }
}
