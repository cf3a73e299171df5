using System.Globalization;
using System.Security.Claims;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Home;
using SafeCampus.Web.Infrastructure;

namespace SafeCampus.Web.Features.Drills.School;

/// <summary>
/// The school's drill to-dos for those who act on them (principal, safety director): requirements of the current
/// periods not yet met (due at the period's end), drills whose day has come and that are not filed (待备案), and
/// filings the bureau returned.
/// </summary>
public sealed class DrillTodos(DrillSchoolQueries queries, TimeProvider clock) : ITodoProvider
{
    public async Task<IReadOnlyList<TodoItem>> GetAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (!(user.IsInRole(Roles.SafetyDirector) || user.IsInRole(Roles.Principal)) || await queries.CurrentSchoolAsync(ct) is not { } school)
        {
            return [];
        }

        var today = clock.Today();
        var items = new List<TodoItem>();
        foreach (var line in await queries.RequirementsAsync(school, today, ct))
        {
            if (line.State is ComplianceState.NotScheduled or ComplianceState.Scheduled or ComplianceState.Overdue)
            {
                var link = line.State == ComplianceState.NotScheduled
                    ? "/drills/new" + (line.KindId is { } kind ? $"?kind={kind}" : "")
                    : "/drills";
                items.Add(new TodoItem(line.ShortTitle, link, line.Due, DrillWords.ComplianceName(line.State), DrillCompliance.Tone(line.State)));
            }
        }

        foreach (var drill in await queries.NeedingFilingAsync(school.Id, today, ct))
        {
            var title = string.Format(CultureInfo.CurrentCulture,
                drill.State == DrillState.Returned ? DrillsSchoolText.Todo_Returned : DrillsSchoolText.Todo_File,
                drill.KindName, DrillWords.Date(drill.Date));
            items.Add(new TodoItem(title, $"/drills/{drill.Id}", drill.Date, DrillWords.StateName(drill.State, drill.Date, today), DrillWords.StateTone(drill.State)));
        }

        return items;
    }
}
