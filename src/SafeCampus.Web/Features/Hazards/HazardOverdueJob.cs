using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Notifications;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Infrastructure.Scheduling;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Hazards;

/// <summary>What one run sent.</summary>
public sealed record HazardOverdueResult(int SchoolNotices, int BureauNotices);

/// <summary>
/// Daily at 07:30 China time. Every rectification past its deadline (planned or returned, not rectified) is overdue:
/// the school's safety directors and principals are told; once it is the governing bureau's BureauAlertDays past the
/// deadline, the safety officers of the school's county are told too. Each person hears once per hazard and deadline
/// (idempotency keys): a new deadline is a new notice, a re-run is none.
/// </summary>
public sealed class HazardOverdueJob(AppDbContext db, TenantScope scope, Notifier notifier, HazardRules rules, TimeProvider clock) : IScheduledJob
{
    public async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        using var _ = scope.EnterSystem("hazard-overdue");
        await RunAsync(cancellationToken);
    }

    public async Task<HazardOverdueResult> RunAsync(CancellationToken ct = default)
    {
        var today = clock.Today();
        var overdue = await db.Hazards.AsNoTracking()
            .Where(h => (h.State == HazardState.Planned || h.State == HazardState.Returned) && h.Deadline < today)
            .Join(db.Schools, h => h.SchoolId, s => s.Id, (h, s) => new { h.Id, h.SchoolId, h.Place, h.Deadline, h.ResponsiblePerson, s.Name, s.BureauId, s.ScopePath })
            .ToListAsync(ct);
        if (overdue.Count == 0)
        {
            return new HazardOverdueResult(0, 0);
        }

        var schoolIds = overdue.Select(h => h.SchoolId).Distinct().ToList();
        var schoolUsers = (await db.Users
                .Where(u => u.SchoolId != null && schoolIds.Contains(u.SchoolId.Value) && !u.IsDisabled && (u.Role == UserRole.SafetyDirector || u.Role == UserRole.Principal))
                .Select(u => new { u.Id, SchoolId = u.SchoolId!.Value }).ToListAsync(ct))
            .ToLookup(u => u.SchoolId, u => u.Id);
        var officers = (await db.Users
                .Where(u => u.BureauId != null && u.SchoolId == null && !u.IsDisabled && u.Role == UserRole.BureauSafetyOfficer)
                .Select(u => new { u.Id, BureauId = u.BureauId!.Value }).ToListAsync(ct))
            .ToLookup(u => u.BureauId, u => u.Id);
        var tree = await rules.TreeAsync("/", ct);
        var c = CultureInfo.CurrentCulture;
        int school = 0, bureau = 0;
        foreach (var h in overdue)
        {
            var deadline = h.Deadline!.Value;
            var days = today.DayNumber - deadline.DayNumber;
            var date = HazardLabels.Date(deadline);
            var title = string.Format(c, HazardsText.OverdueTitle, h.Place, days);
            var body = string.Format(c, HazardsText.OverdueBody, h.Name, h.Place, date, h.ResponsiblePerson, days);
            foreach (var user in schoolUsers[h.SchoolId])
            {
                if (await notifier.NotifyAsync(new NotificationMessage(user, $"hazard-overdue:{h.Id}:{date}:{user}", title, body, $"/hazards/{h.Id}"), ct))
                {
                    school++;
                }
            }

            if (days < tree.For(h.ScopePath).BureauAlertDays)
            {
                continue;
            }

            var bureauTitle = string.Format(c, HazardsText.OverdueBureauTitle, h.Name, h.Place, days);
            foreach (var officer in officers[h.BureauId])
            {
                if (await notifier.NotifyAsync(new NotificationMessage(officer, $"hazard-overdue-bureau:{h.Id}:{date}:{officer}", bureauTitle, body, $"/hazards/{h.Id}"), ct))
                {
                    bureau++;
                }
            }
        }

        return new HazardOverdueResult(school, bureau);
    }
}
