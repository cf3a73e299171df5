using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Education;

/// <summary>A school's (county's, total's) training rate: people in safety posts trained at least once in the year ÷ people in posts.</summary>
public sealed record TrainingRateRow(Guid? SchoolId, Guid? CountyId, string Name, string? County, int People, int Trained, int VacantPosts)
{
    public decimal? Rate => People > 0 ? (decimal)Trained / People : null;
}

public sealed record TrainingRateReport(int Year, IReadOnlyList<TrainingRateRow> Counties, IReadOnlyList<TrainingRateRow> Schools, TrainingRateRow Total);

/// <summary>
/// The training rate (安全岗位培训率) in SQL: per school, its active people in safety posts and how many of them have
/// an attendance dated in the calendar year; beside it the required posts the school has left empty (not people, so
/// not in the rate, but shown: an empty post cannot be trained).
/// </summary>
public sealed class TrainingRates(AppDbContext db, TenantScope scope)
{
    public async Task<TrainingRateReport> ReportAsync(int year, Guid? county = null, CancellationToken ct = default)
    {
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var figures = (await db.SafetyPeople.Where(p => p.IsActive)
                .GroupBy(p => p.SchoolId)
                .Select(g => new
                {
                    SchoolId = g.Key,
                    People = g.Count(),
                    Trained = g.Count(p => db.TrainingAttendances.Any(a => a.PersonId == p.Id && a.Date >= from && a.Date <= to)),
                })
                .ToListAsync(ct))
            .ToDictionary(x => x.SchoolId);
        var held = (await db.SafetyPeople.Where(p => p.IsActive && p.PostId != null).Select(p => new { p.SchoolId, PostId = p.PostId!.Value }).ToListAsync(ct))
            .ToLookup(x => x.SchoolId, x => x.PostId);
        var tree = await EducationSettingsTree.LoadAsync(db, scope.FilterPrefix, ct);
        var schools = await db.Schools.Where(s => county == null || s.BureauId == county)
            .OrderBy(s => s.Bureau!.Name).ThenBy(s => s.Kind).ThenBy(s => s.Name)
            .Select(s => new { s.Id, s.Name, s.BureauId, s.ScopePath, County = s.Bureau!.ShortName ?? s.Bureau.Name })
            .ToListAsync(ct);
        var rows = schools.Select(s =>
        {
            var f = figures.GetValueOrDefault(s.Id);
            var have = held[s.Id].ToHashSet();
            var vacant = tree.For(s.ScopePath).Posts.Count(p => p.Required && !have.Contains(p.Id));
            return new TrainingRateRow(s.Id, s.BureauId, s.Name, s.County, f?.People ?? 0, f?.Trained ?? 0, vacant);
        }).ToList();
        var counties = rows.GroupBy(r => (r.CountyId, r.County)).Select(g => Sum(g, g.Key.CountyId, g.Key.County ?? "")).ToList();
        return new TrainingRateReport(year, counties, rows, Sum(rows, null, ""));
    }

    private static TrainingRateRow Sum(IEnumerable<TrainingRateRow> rows, Guid? county, string name)
    {
        var list = rows.ToList();
        return new TrainingRateRow(null, county, name, null, list.Sum(r => r.People), list.Sum(r => r.Trained), list.Sum(r => r.VacantPosts));
    }
}
