using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Notifications;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Infrastructure.Scheduling;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Drills.Bureau;

/// <summary>What one run sent.</summary>
public sealed record DrillReminderResult(int Reminders, int OverdueNotices);

/// <summary>
/// Daily at 08:00 China time. For every school and every requirement that applies to it: while the current period is
/// not done (nothing or not enough scheduled, or scheduled but not filed) and ends within the rule's reminder window,
/// the school's safety directors and principals are reminded; when a period ended in the last seven days short of the
/// count, the county bureau's safety officers are told. Each person hears once per school, rule and period
/// (idempotency keys), however often the job runs.
/// </summary>
public sealed class DrillReminderJob(AppDbContext db, TenantScope scope, Notifier notifier, TimeProvider clock) : IScheduledJob
{
    public const int OverdueDays = 7;

    public async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        using var _ = scope.EnterSystem("drill-reminders");
        await RunAsync(cancellationToken);
    }

    public async Task<DrillReminderResult> RunAsync(CancellationToken ct = default)
    {
        var today = clock.Today();
        var lookBack = today.AddDays(-OverdueDays);
        // Every period that contains today or ended in the last week lies within [from, to].
        var from = new[] { DrillPeriod.Year, DrillPeriod.Semester }.Select(p => DrillPeriods.Containing(p, lookBack).Start).Min();
        var to = new[] { DrillPeriod.Year, DrillPeriod.Semester }.Select(p => DrillPeriods.Containing(p, today).End).Max();

        var tree = await DrillSettingsTree.LoadAsync(db, "/", ct);
        var schools = await db.Schools.Select(s => new { s.Id, s.Name, s.Kind, s.IsBoarding, s.BureauId, s.ScopePath }).ToListAsync(ct);
        var facts = await DrillFacts.ForSchoolsAsync(db, db.Schools.Select(s => s.Id), from, to, ct);
        var schoolUsers = (await db.Users
                .Where(u => u.SchoolId != null && !u.IsDisabled && (u.Role == UserRole.SafetyDirector || u.Role == UserRole.Principal))
                .Select(u => new { u.Id, SchoolId = u.SchoolId!.Value }).ToListAsync(ct))
            .ToLookup(u => u.SchoolId, u => u.Id);
        var officers = (await db.Users
                .Where(u => u.BureauId != null && u.SchoolId == null && !u.IsDisabled && u.Role == UserRole.BureauSafetyOfficer)
                .Select(u => new { u.Id, BureauId = u.BureauId!.Value }).ToListAsync(ct))
            .ToLookup(u => u.BureauId, u => u.Id);
        // Keys sent recently: a re-run skips them without a round trip each (the unique key still guards).
        var since = clock.GetUtcNow().AddDays(-70);
        var sent = (await db.Notifications
            .Where(n => n.CreatedAt >= since && (n.IdempotencyKey.StartsWith("drill-remind:") || n.IdempotencyKey.StartsWith("drill-overdue:")))
            .Select(n => n.IdempotencyKey).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

        var c = CultureInfo.CurrentCulture;
        int reminders = 0, overdue = 0;
        foreach (var school in schools)
        {
            var settings = tree.For(school.ScopePath);
            var schoolFacts = facts[school.Id].ToList();
            foreach (var rule in DrillCompliance.ApplicableRules(settings.Rules, school.Kind, school.IsBoarding))
            {
                var kindName = rule.KindId is { } k ? tree.KindName(k) : null;
                var ruleText = DrillLabels.Rule(rule, kindName);

                var current = DrillPeriods.Containing(rule.Period, today);
                var daysLeft = current.End.DayNumber - today.DayNumber;
                if (rule.CountsMonth(current.Start.Month) && daysLeft <= rule.ReminderDaysBefore)
                {
                    var status = DrillCompliance.Evaluate(rule, current, schoolFacts, today);
                    if (status.State is ComplianceState.NotScheduled or ComplianceState.Scheduled)
                    {
                        var title = string.Format(c, DrillsBureauText.RemindTitle, ruleText, DrillLabels.Period(current), Date(current.End), daysLeft);
                        var body = string.Format(c, DrillsBureauText.RemindBody, school.Name, DrillLabels.Period(current), ruleText,
                            status.Accepted, status.Submitted, status.Scheduled);
                        foreach (var user in schoolUsers[school.Id])
                        {
                            var key = $"drill-remind:{school.Id}:{rule.Id}:{current.Key}:{user}";
                            if (sent.Add(key) && await notifier.NotifyAsync(new NotificationMessage(user, key, title, body, "/drills"), ct))
                            {
                                reminders++;
                            }
                        }
                    }
                }

                foreach (var ended in DrillPeriods.Between(rule.Period, lookBack, today.AddDays(-1))
                    .Where(p => p.End >= lookBack && p.End < today && rule.CountsMonth(p.Start.Month)))
                {
                    var status = DrillCompliance.Evaluate(rule, ended, schoolFacts, today);
                    if (status.State != ComplianceState.Overdue)
                    {
                        continue;
                    }

                    var title = string.Format(c, DrillsBureauText.OverdueTitle, school.Name, DrillLabels.Period(ended), ruleText);
                    var body = string.Format(c, DrillsBureauText.OverdueBody, school.Name, DrillLabels.Period(ended), Date(ended.End), ruleText,
                        status.Accepted, status.Submitted, rule.MinCount);
                    foreach (var officer in officers[school.BureauId])
                    {
                        var key = $"drill-overdue:{school.Id}:{rule.Id}:{ended.Key}:{officer}";
                        if (sent.Add(key) && await notifier.NotifyAsync(new NotificationMessage(officer, key, title, body, $"/drills/school/{school.Id}?period={ended.Key}"), ct))
                        {
                            overdue++;
                        }
                    }
                }
            }
        }

        return new DrillReminderResult(reminders, overdue);
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
