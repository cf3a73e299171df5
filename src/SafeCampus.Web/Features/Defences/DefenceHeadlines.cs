using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Home;

namespace SafeCampus.Web.Features.Defences;

/// <summary>三防月报 on the bureau overview: this month's returns submitted out of the schools in scope, and how many late.</summary>
public sealed class DefenceHeadlines(AppDbContext db, TimeProvider clock) : IHeadlineProvider
{
    public int Order => 10;

    public async Task<IReadOnlyList<Headline>> GetAsync(CancellationToken ct)
    {
        var month = DefenceMonths.Current(clock);
        var schools = await db.Schools.CountAsync(ct);
        var figures = await db.DefenceReturns.Where(r => r.Month == month && DefenceReturn.Reported.Contains(r.State))
            .GroupBy(r => 1).Select(g => new { Reported = g.Count(), Late = g.Count(r => r.IsLate) }).SingleOrDefaultAsync(ct);
        var c = CultureInfo.CurrentCulture;
        var reported = figures?.Reported ?? 0;
        return
        [
            new(DefencesText.HeadlineReturns, $"{reported.ToString("N0", c)}/{schools.ToString("N0", c)}", $"/defences/bureau?month={DefenceMonths.Key(month)}",
                string.Format(c, DefencesText.HeadlineReturnsDetail, DefenceMonths.Label(month), figures?.Late ?? 0),
                reported == schools ? "green" : (figures?.Late ?? 0) > 0 ? "red" : "amber"),
        ];
    }
}
