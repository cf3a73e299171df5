using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Home;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Education;

/// <summary>
/// The school's education to-dos for the principal and safety director: classes that still need this interval's
/// lesson (due at the interval's end), required posts left empty, people in posts not trained this year, and theme
/// activities of the bureaus above still to file.
/// </summary>
public sealed class EducationTodos(LessonRates rates, SafetyPeopleService people, ThemeService themes, AppDbContext db, TenantScope scope, TimeProvider clock) : ITodoProvider
{
    public async Task<IReadOnlyList<TodoItem>> GetAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (!(user.IsInRole(Roles.SafetyDirector) || user.IsInRole(Roles.Principal)) || scope.SchoolId is not { } schoolId)
        {
            return [];
        }

        var c = CultureInfo.CurrentCulture;
        var today = clock.Today();
        var items = new List<TodoItem>();
        var classes = await rates.ClassesAsync(schoolId, today, ct);
        var due = classes.Where(x => x.Figures.CurrentMissing > 0).ToList();
        if (due.Count > 0 && due[0].Figures.Current is { } current)
        {
            items.Add(new TodoItem(string.Format(c, EducationText.TodoLessons, due.Count, EducationWords.Date(current.End)), "/education/lessons/new", current.End,
                EducationText.StateDueShort, "amber"));
        }

        var path = await db.Schools.Where(s => s.Id == schoolId).Select(s => s.ScopePath).SingleAsync(ct);
        var vacant = (await people.PostLinesAsync(schoolId, path, today.Year, ct)).Count(p => p.Post.Required && p.PersonId is null);
        if (vacant > 0)
        {
            items.Add(new TodoItem(string.Format(c, EducationText.TodoVacant, vacant), "/education/posts", null, EducationText.StateMissing, "red"));
        }

        var untrained = (await people.PeopleAsync(schoolId, today.Year, ct)).Count(p => p.TrainedOn is null);
        if (untrained > 0)
        {
            items.Add(new TodoItem(string.Format(c, EducationText.TodoUntrained, untrained, today.Year), "/education/posts", new DateOnly(today.Year, 12, 31),
                EducationText.NotTrained, "amber"));
        }

        foreach (var a in (await themes.ActivitiesAsync(today.Year, ct)).Where(a => a.FiledOn is null && a.StartDate <= today.AddDays(14)))
        {
            items.Add(new TodoItem(string.Format(c, EducationText.TodoTheme, a.Theme, EducationWords.Date(a.Deadline)), $"/education/themes/{a.Id}", a.Deadline,
                a.Deadline < today ? EducationText.StateBehind : EducationText.NotFiled, a.Deadline < today ? "red" : "amber"));
        }

        return items;
    }
}

/// <summary>Headline figures of the bureau overview: this term's lesson rate and this year's training rate.</summary>
public sealed class EducationHeadlines(LessonRates lessons, TrainingRates training, TimeProvider clock) : IHeadlineProvider
{
    public int Order => 35;

    public async Task<IReadOnlyList<Headline>> GetAsync(CancellationToken ct)
    {
        var today = clock.Today();
        var l = (await lessons.ReportAsync(today, null, ct)).Total;
        var t = (await training.ReportAsync(today.Year, null, ct)).Total;
        var c = CultureInfo.CurrentCulture;
        return
        [
            new(EducationText.HeadlineLessons, l.Required > 0 ? Percent(l.Credited, l.Required) : "—", "/education/rates",
                string.Format(c, EducationText.HeadlineLessonsDetail, l.Credited.ToString("N0", c), l.Required.ToString("N0", c), l.ClassesBehind.ToString("N0", c)),
                EducationWords.Tone(l.Credited, l.Required)),
            new(EducationText.HeadlineTraining, t.People > 0 ? Percent(t.Trained, t.People) : "—", "/education/training-rates",
                string.Format(c, EducationText.HeadlineTrainingDetail, t.Trained.ToString("N0", c), t.People.ToString("N0", c), t.VacantPosts.ToString("N0", c)),
                EducationWords.Tone(t.Trained, t.People)),
        ];
    }

    private static string Percent(int part, int total) => (Math.Round(part * 100m / total, 1)).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
