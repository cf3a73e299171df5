using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Home;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Hazards;

/// <summary>
/// The school's hazard to-dos for the principal and safety director: the self-check of the current period (and the
/// previous one when it was missed: overdue), hazards without a plan, rectifications due or overdue, and, for the
/// principal, general hazards waiting for acceptance; special campaigns to answer and cross-school inspections to carry out.
/// </summary>
public sealed class HazardTodos(AppDbContext db, TenantScope scope, SelfCheckStatus status, CampaignQueries campaigns, TimeProvider clock) : ITodoProvider
{
    public async Task<IReadOnlyList<TodoItem>> GetAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var principal = user.IsInRole(Roles.Principal);
        if (!(principal || user.IsInRole(Roles.SafetyDirector)) || scope.SchoolId is not { } schoolId)
        {
            return [];
        }

        var c = CultureInfo.CurrentCulture;
        var c0 = c;
        var today = clock.Today();
        var items = new List<TodoItem>();
        if ((await status.LinesAsync(schoolId, ct)).SingleOrDefault() is { } line)
        {
            if (line.PreviousOverdue)
            {
                items.Add(new TodoItem(string.Format(c, HazardsText.TodoSelfCheck, line.Previous.Label), "/hazards/self-check", line.Previous.End, HazardsText.StateOverdue, "red"));
            }

            if (line.CurrentCheck is null)
            {
                var left = line.Current.End.DayNumber - today.DayNumber;
                items.Add(new TodoItem(string.Format(c, HazardsText.TodoSelfCheck, line.Current.Label), "/hazards/self-check", line.Current.End,
                    string.Format(c, HazardsText.DaysLeft, left), left <= 3 ? "amber" : "blue"));
            }
        }

        // Special campaigns the school has not answered yet, from their start; past the end date they are overdue.
        foreach (var sc in await campaigns.ForSchoolAsync(null, ct))
        {
            if (sc.Row.CheckId is null && sc.Campaign.HasStarted(today) && !sc.Campaign.IsWithdrawn)
            {
                var left = sc.Campaign.EndsOn.DayNumber - today.DayNumber;
                items.Add(new TodoItem(string.Format(c0, HazardsText.TodoCampaign, sc.Campaign.Name), $"/hazards/campaigns/{sc.Campaign.Id}", sc.Campaign.EndsOn,
                    left < 0 ? HazardsText.StateOverdue : string.Format(c0, HazardsText.DaysLeft, left), left < 0 ? "red" : left <= 3 ? "amber" : "blue"));
            }
        }

        // Cross-school inspections the school was assigned to carry out, while open.
        var cross = await db.CrossInspectionAssignments.AsNoTracking()
            .Where(a => a.InspectorSchoolId == schoolId && a.ClosedAt == null && a.WithdrawnAt == null && a.DueOn >= today)
            .Select(a => new { a.Id, a.DueOn, a.TargetSchoolId })
            .ToListAsync(ct);
        var targetIds = cross.Select(a => a.TargetSchoolId).ToList();
        var targets = await db.Schools.AcrossTenants().Where(s => targetIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        foreach (var a in cross.Select(a => new { a.Id, a.DueOn, Target = targets[a.TargetSchoolId] }))
        {
            var left = a.DueOn.DayNumber - today.DayNumber;
            items.Add(new TodoItem(string.Format(c0, HazardsText.TodoCross, a.Target), $"/hazards/cross-inspections/{a.Id}", a.DueOn,
                string.Format(c0, HazardsText.DaysLeft, left), left <= 3 ? "amber" : "blue"));
        }

        var open = await db.Hazards.AsNoTracking()
            .Where(h => h.SchoolId == schoolId && (h.State == HazardState.Reported || h.State == HazardState.Planned || h.State == HazardState.Returned
                || (principal && h.State == HazardState.Rectified && h.Grade == HazardGrade.General && h.Source != HazardSource.BureauInspection && h.Source != HazardSource.Campaign)))
            .OrderBy(h => h.Deadline ?? h.FoundOn).Take(20)
            .Select(h => new { h.Id, h.Place, h.State, h.Deadline, h.FoundOn }).ToListAsync(ct);
        foreach (var h in open)
        {
            var (title, due) = h.State switch
            {
                HazardState.Reported => (HazardsText.TodoPlan, h.FoundOn),
                HazardState.Rectified => (HazardsText.TodoAccept, h.FoundOn),
                _ => (HazardsText.TodoRectify, h.Deadline ?? h.FoundOn),
            };
            items.Add(new TodoItem(string.Format(c, title, h.Place), $"/hazards/{h.Id}", due, HazardLabels.State(h.State, h.Deadline, today), HazardLabels.Tone(h.State, h.Deadline, today)));
        }

        return items;
    }
}

/// <summary>Hazard figures for the bureau overview: open (overdue, major), escalations waiting, self-checks of the period.</summary>
public sealed class HazardHeadlines(AppDbContext db, SelfCheckStatus status, TimeProvider clock) : IHeadlineProvider
{
    public int Order => 20;

    public async Task<IReadOnlyList<Headline>> GetAsync(CancellationToken ct)
    {
        var today = clock.Today();
        var c = CultureInfo.CurrentCulture;
        var f = await db.Hazards.Where(h => h.State != HazardState.Accepted).GroupBy(_ => 1).Select(g => new
        {
            Open = g.Count(),
            Overdue = g.Count(h => (h.State == HazardState.Planned || h.State == HazardState.Returned) && h.Deadline < today),
            Major = g.Count(h => h.Grade == HazardGrade.Major),
            Escalated = g.Count(h => h.EscalatedAt != null && h.SupervisionText == null),
        }).SingleOrDefaultAsync(ct);
        var lines = await status.LinesAsync(null, ct);
        var done = lines.Count(l => l.CurrentCheck is not null);
        var missed = lines.Count(l => l.PreviousOverdue);
        return
        [
            new(HazardsText.HeadlineOpen, (f?.Open ?? 0).ToString("N0", c), "/hazards?state=open",
                string.Format(c, HazardsText.HeadlineOpenDetail, f?.Overdue ?? 0, f?.Major ?? 0), f?.Overdue > 0 ? "red" : "green"),
            new(HazardsText.HeadlineEscalated, (f?.Escalated ?? 0).ToString("N0", c), "/hazards/supervision", null, f?.Escalated > 0 ? "amber" : "green"),
            new(HazardsText.HeadlineSelfChecks, $"{done.ToString("N0", c)}/{lines.Count.ToString("N0", c)}", "/hazards/self-checks",
                string.Format(c, HazardsText.HeadlineSelfChecksDetail, missed), missed > 0 ? "red" : "green"),
        ];
    }
}
