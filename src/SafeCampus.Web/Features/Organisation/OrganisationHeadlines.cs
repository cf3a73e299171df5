using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Home;

namespace SafeCampus.Web.Features.Organisation;

/// <summary>Organisation figures for the bureau overview, in one aggregate query.</summary>
public sealed class OrganisationHeadlines(AppDbContext db) : IHeadlineProvider
{
    public int Order => 0;

    public async Task<IReadOnlyList<Headline>> GetAsync(CancellationToken ct)
    {
        var totals = await db.Schools.GroupBy(_ => 1).Select(g => new
        {
            Count = g.Count(),
            Kindergartens = g.Count(s => s.Kind == SchoolKind.Kindergarten),
            Private = g.Count(s => s.IsPrivate),
            Boarding = g.Count(s => s.IsBoarding),
            Students = g.Sum(s => s.Students),
            Staff = g.Sum(s => s.Staff),
        }).SingleOrDefaultAsync(ct);
        var c = CultureInfo.CurrentCulture;
        return
        [
            new(OrganisationText.HeadlineSchools, (totals?.Count ?? 0).ToString("N0", c), "/org/schools",
                string.Format(c, OrganisationText.HeadlineSchoolsDetail, totals?.Kindergartens ?? 0, totals?.Private ?? 0)),
            new(OrganisationText.HeadlineBoarding, (totals?.Boarding ?? 0).ToString("N0", c), "/org/schools?boarding=true"),
            new(OrganisationText.HeadlineStudents, (totals?.Students ?? 0).ToString("N0", c), "/org/schools?sort=students"),
            new(OrganisationText.HeadlineStaff, (totals?.Staff ?? 0).ToString("N0", c), "/org/schools?sort=staff"),
        ];
    }
}

/// <summary>Reminds a school to complete its own record when the counts the rules need are missing.</summary>
public sealed class SchoolProfileTodo(AppDbContext db) : ITodoProvider
{
    public async Task<IReadOnlyList<TodoItem>> GetAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var incomplete = await db.Schools.AnyAsync(s => s.Students == 0 || s.Staff == 0 || s.Classes == 0, ct);
        return incomplete
            ? [new TodoItem(OrganisationText.TodoCompleteProfile, "/org/my-school", null, OrganisationText.StateNotStarted, "grey")]
            : [];
    }
}
