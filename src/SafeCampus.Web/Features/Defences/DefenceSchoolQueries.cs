using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Home;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Defences;

public sealed record DefenceHistoryItem(DateOnly Month, DefenceReturnState? State, bool IsLate);

/// <summary>What the school's pages read besides the form: the caller's role and the last twelve months.</summary>
public sealed class DefenceSchoolQueries(AppDbContext db, TenantScope scope)
{
    public async Task<UserRole?> CurrentRoleAsync(CancellationToken ct = default) =>
        scope.UserId is { } id ? await db.Users.Where(u => u.Id == id).Select(u => (UserRole?)u.Role).SingleOrDefaultAsync(ct) : null;

    public async Task<IReadOnlyList<DefenceHistoryItem>> HistoryAsync(Guid schoolId, DateOnly currentMonth, CancellationToken ct = default)
    {
        var from = currentMonth.AddMonths(-11);
        var saved = await db.DefenceReturns.Where(r => r.SchoolId == schoolId && r.Month >= from && r.Month <= currentMonth)
            .Select(r => new { r.Month, r.State, r.IsLate }).ToDictionaryAsync(r => r.Month, ct);
        return DefenceMonths.LastTwelve(currentMonth)
            .Select(m => saved.TryGetValue(m, out var r) ? new DefenceHistoryItem(m, r.State, r.IsLate) : new DefenceHistoryItem(m, null, false))
            .ToList();
    }
}

/// <summary>"2026年11月三防月报" on the school's to-do list until the return is submitted or confirmed.</summary>
public sealed class DefenceTodos(AppDbContext db, TimeProvider clock) : ITodoProvider
{
    public async Task<IReadOnlyList<TodoItem>> GetAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (!Guid.TryParse(user.FindFirstValue(TenantScope.SchoolClaim), out var schoolId))
        {
            return [];
        }

        var role = user.FindFirstValue(ClaimTypes.Role);
        var month = DefenceMonths.Current(clock);
        var r = await db.DefenceReturns.Where(x => x.SchoolId == schoolId && x.Month == month)
            .Select(x => new { x.State, x.DueDate }).SingleOrDefaultAsync(ct);
        var path = await db.Schools.Where(s => s.Id == schoolId).Select(s => s.ScopePath).SingleOrDefaultAsync(ct);
        if (path is null)
        {
            return [];
        }

        var due = r?.DueDate ?? (await DefenceStandardsTree.LoadAsync(db, path, ct)).For(path).DueDate(month);
        var days = due.DayNumber - clock.Today().DayNumber;
        var link = $"/defences/{DefenceMonths.Key(month)}";
        var c = CultureInfo.CurrentCulture;
        if (r is null or { State: DefenceReturnState.Draft or DefenceReturnState.Returned } && role != Roles.SchoolStaff)
        {
            var title = string.Format(c, DefencesText.TodoFile, DefenceMonths.Label(month));
            return [new TodoItem(title, link, due, DefenceLabels.State(r?.State), days < 0 ? "red" : DefenceLabels.Tone(r?.State))];
        }

        if (r?.State == DefenceReturnState.Submitted && role == Roles.Principal)
        {
            return [new TodoItem(DefencesText.TodoConfirm, link, due, DefenceLabels.State(r.State), "amber")];
        }

        return [];
    }
}
