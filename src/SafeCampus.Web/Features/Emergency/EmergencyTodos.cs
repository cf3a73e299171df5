using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Home;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Emergency;

/// <summary>
/// The school's emergency to-dos, first on the list: warnings to read (red, due today), warnings read but not yet
/// replied to (due on the reply date), and, for the leads, open incidents waiting for a follow-up or the final report.
/// </summary>
public sealed class EmergencyTodos(AppDbContext db, TenantScope scope, WarningQueries warnings, TimeProvider clock) : ITodoProvider
{
    public async Task<IReadOnlyList<TodoItem>> GetAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (scope.SchoolId is not { } schoolId)
        {
            return [];
        }

        var lead = user.IsInRole(Roles.Principal) || user.IsInRole(Roles.SafetyDirector);
        var today = clock.Today();
        var c = CultureInfo.CurrentCulture;
        var items = new List<TodoItem>();
        foreach (var w in (await warnings.SchoolListAsync(schoolId, ct)).Where(w => w.RepliedAt is null && w.IssuedAt > clock.GetUtcNow().AddDays(-90)))
        {
            var link = $"/warnings/{w.Id}";
            if (w.ReadAt is null)
            {
                // Due "today" so that it sorts first: a warning is acted on at once.
                items.Add(new TodoItem(string.Format(c, EmergencyText.TodoRead, EmergencyLabels.Level(w.Level), w.Title), link, today, EmergencyText.StateUnread, "red"));
            }
            else if (lead)
            {
                var left = w.ReplyBy.DayNumber - today.DayNumber;
                items.Add(new TodoItem(string.Format(c, EmergencyText.TodoReply, w.Title), link, w.ReplyBy,
                    left < 0 ? EmergencyText.StateReplyOverdue : string.Format(c, EmergencyText.DaysLeft, left), left < 0 ? "red" : left <= 1 ? "amber" : "blue"));
            }
        }

        // Today's duty log of a roster of the school, whoever of the school is on duty records it.
        var dutyToday = await db.DutyRosters.AsNoTracking().Where(r => r.SchoolId == schoolId && r.From <= today && r.To >= today)
            .Where(r => r.Shifts.Any(s => s.Date == today) && !db.DutyLogs.Any(l => l.RosterId == r.Id && l.Date == today))
            .Select(r => r.Id).FirstOrDefaultAsync(ct);
        if (dutyToday != Guid.Empty)
        {
            items.Add(new TodoItem(EmergencyText.TodoDutyLog, $"/duty/{dutyToday}#log", today, EmergencyText.DutyNotLogged, "amber"));
        }

        if (lead)
        {
            var open = await db.Incidents.AsNoTracking().Where(i => i.SchoolId == schoolId && i.State == IncidentState.Open)
                .OrderBy(i => i.OccurredAt).Take(10).Select(i => new { i.Id, i.Kind, i.Place, i.OccurredAt }).ToListAsync(ct);
            foreach (var i in open)
            {
                items.Add(new TodoItem(string.Format(c, EmergencyText.TodoIncident, EmergencyLabels.Kind(i.Kind), i.Place), $"/incidents/{i.Id}",
                    DateOnly.FromDateTime(i.OccurredAt.ToChina().DateTime), EmergencyText.StateOpen, "amber"));
            }

            // Large activities: a returned application, an approved one coming up, a summary to file after the date.
            var horizon = today.AddDays(14);
            var activities = await db.Activities.AsNoTracking()
                .Where(a => a.SchoolId == schoolId && ((a.State == ActivityState.Returned && a.Date > today) || (a.State == ActivityState.Approved && a.Date <= horizon)))
                .OrderBy(a => a.Date).Take(10).Select(a => new { a.Id, a.Title, a.Date, a.State }).ToListAsync(ct);
            foreach (var a in activities)
            {
                var (title, tone, state) = a.State == ActivityState.Returned ? (EmergencyText.TodoActivityReturned, "red", EmergencyText.ActivityStateReturned)
                    : a.Date <= today ? (EmergencyText.TodoActivitySummary, "amber", EmergencyText.ActivityStateApproved)
                    : (EmergencyText.TodoActivityUpcoming, "blue", string.Format(c, EmergencyText.DaysLeft, a.Date.DayNumber - today.DayNumber));
                items.Add(new TodoItem(string.Format(c, title, a.Title), $"/activities/{a.Id}", a.Date, state, tone));
            }
        }

        return items;
    }
}

/// <summary>Headline figures: the year's warnings with read and reply rates; the year's incidents with open, late and unreported.</summary>
public sealed class EmergencyHeadlines(AppDbContext db, WarningQueries warnings, IncidentQueries incidents, TimeProvider clock) : IHeadlineProvider
{
    public int Order => 5;

    public async Task<IReadOnlyList<Headline>> GetAsync(CancellationToken ct)
    {
        var year = clock.Today().Year;
        var c = CultureInfo.CurrentCulture;
        var w = await warnings.YearFiguresAsync(year, ct);
        var i = await incidents.YearFiguresAsync(year, ct);
        var unread = w.Copies - w.Read;
        var today = clock.Today();
        var horizon = today.AddDays(60);
        var act = await db.Activities.Where(a => a.Date >= today && a.Date <= horizon && (a.State == ActivityState.Submitted || a.State == ActivityState.Approved))
            .GroupBy(_ => 1).Select(g => new { Pending = g.Count(a => a.State == ActivityState.Submitted), Approved = g.Count(a => a.State == ActivityState.Approved) })
            .SingleOrDefaultAsync(ct);
        return
        [
            new(EmergencyText.HeadlineWarnings, w.Warnings.ToString("N0", c), "/warnings",
                string.Format(c, EmergencyText.HeadlineWarningsDetail, w.Read, w.Copies, w.Replied), unread > 0 ? "amber" : "green"),
            new(EmergencyText.HeadlineIncidents, i.Count.ToString("N0", c), "/incidents",
                string.Format(c, EmergencyText.HeadlineIncidentsDetail, i.Open, i.Late, i.Unreported), i.Late + i.Unreported > 0 ? "red" : i.Open > 0 ? "amber" : "green"),
            new(EmergencyText.HeadlineDuty, (await db.DutyRosters.Where(r => r.SchoolId != null && r.Shifts.Any(s => s.Date == today)).Select(r => r.SchoolId).Distinct().CountAsync(ct)).ToString("N0", c),
                "/duty", EmergencyText.HeadlineDutyDetail),
            new(EmergencyText.HeadlineActivities, (act?.Pending ?? 0).ToString("N0", c), "/activities",
                string.Format(c, EmergencyText.HeadlineActivitiesDetail, act?.Approved ?? 0), act?.Pending > 0 ? "amber" : "green"),
        ];
    }
}
