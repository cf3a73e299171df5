using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Education;

/// <summary>One class's lesson figures, with its school.</summary>
public sealed record ClassLessonRow(Guid ClassId, Guid SchoolId, string Grade, string Name, ClassLessonFigures Figures, bool HasRule);

/// <summary>A school's (or a county's, or the total's) lesson rate: credited ÷ required over its classes.</summary>
public sealed record LessonRateRow(Guid? SchoolId, Guid? CountyId, string Name, string? County, SchoolKind? Kind, int Classes, int Required, int Credited, int Held, int ClassesBehind)
{
    public decimal? Rate => Required > 0 ? (decimal)Credited / Required : null;
}

/// <summary>Everything the lesson-rate pages show for a term: rows by school (and county totals for a city) and the total.</summary>
public sealed record LessonRateReport(string TermKey, DateOnly AsOf, IReadOnlyList<LessonRateRow> Counties, IReadOnlyList<LessonRateRow> Schools, LessonRateRow Total);

/// <summary>One recorded lesson in the school's list.</summary>
public sealed record LessonListRow(Guid Id, DateOnly Date, string Grade, string ClassName, string Topic, string Teacher, int Minutes, int Photos);

/// <summary>
/// Reads for lesson rates: schools, their active classes and their lessons of the term (grouped by class and day in
/// SQL) in three queries for any part of the tree, then <see cref="LessonMath"/> per class with the settings that
/// govern its school. All through the tenant filter: a county sees its schools, a school itself.
/// </summary>
public sealed class LessonRates(AppDbContext db, TenantScope scope, TimeProvider clock)
{
    /// <summary>"2026-S2" → a day in that semester; null for anything else.</summary>
    public static DateOnly? SemesterAnchor(string? key) =>
        key is { Length: 7 } && key[4] == '-' && key[5] == 'S' && int.TryParse(key[..4], out var y) && y is >= 2000 and <= 2100 && key[6] is '1' or '2'
            ? new DateOnly(y, key[6] == '1' ? 2 : 8, 1) : null;

    /// <summary>The classes of the schools in the scope (or of one school) with their figures for the term of <paramref name="anchor"/>, up to today.</summary>
    public async Task<IReadOnlyList<ClassLessonRow>> ClassesAsync(Guid? schoolId, DateOnly anchor, CancellationToken ct = default)
    {
        var path = scope.FilterPrefix;
        var schools = await db.Schools.Where(s => schoolId == null || s.Id == schoolId)
            .Select(s => new { s.Id, s.Kind, s.ScopePath }).ToListAsync(ct);
        var tree = await EducationSettingsTree.LoadAsync(db, path, ct);
        var today = clock.Today();
        var terms = schools.ToDictionary(s => s.Id, s => (Settings: tree.For(s.ScopePath), s.Kind));
        if (terms.Count == 0)
        {
            return [];
        }

        var termOf = terms.ToDictionary(t => t.Key, t => t.Value.Settings.TermFor(anchor));
        var from = termOf.Values.Min(t => t.Start);
        var to = termOf.Values.Max(t => t.End);
        var classes = await db.SchoolClasses.Where(c => c.IsActive && (schoolId == null || c.SchoolId == schoolId))
            .OrderBy(c => c.Grade).ThenBy(c => c.Name)
            .Select(c => new { c.Id, c.SchoolId, c.Grade, c.Name }).ToListAsync(ct);
        var lessons = (await db.Lessons.Where(l => l.Date >= from && l.Date <= to && (schoolId == null || l.SchoolId == schoolId))
                .GroupBy(l => new { l.ClassId, l.Date })
                .Select(g => new { g.Key.ClassId, g.Key.Date, Count = g.Count() })
                .ToListAsync(ct))
            .ToLookup(x => x.ClassId);
        var intervals = new Dictionary<(Guid?, int, string), List<LessonInterval>>();
        var rows = new List<ClassLessonRow>(classes.Count);
        foreach (var c in classes)
        {
            if (!terms.TryGetValue(c.SchoolId, out var t))
            {
                continue;
            }

            var term = termOf[c.SchoolId];
            var rule = t.Settings.RuleFor(t.Kind, c.Grade);
            if (rule is null)
            {
                rows.Add(new ClassLessonRow(c.Id, c.SchoolId, c.Grade, c.Name, new ClassLessonFigures(0, 0, 0, null, 0, 0), false));
                continue;
            }

            var key = (t.Settings.OwnerBureauId, rule.IntervalWeeks, term.Key);
            if (!intervals.TryGetValue(key, out var list))
            {
                intervals[key] = list = LessonMath.Intervals(term, rule.IntervalWeeks);
            }

            var dates = lessons[c.Id].SelectMany(x => Enumerable.Repeat(x.Date, x.Count));
            rows.Add(new ClassLessonRow(c.Id, c.SchoolId, c.Grade, c.Name, LessonMath.Figures(list, rule.Lessons, dates, today), true));
        }

        return rows;
    }

    /// <summary>Rates by school and county for the term of <paramref name="anchor"/>, filtered to one county when given.</summary>
    public async Task<LessonRateReport> ReportAsync(DateOnly anchor, Guid? county = null, CancellationToken ct = default)
    {
        var classes = await ClassesAsync(null, anchor, ct);
        var byClass = classes.ToLookup(c => c.SchoolId);
        var schools = await db.Schools.Where(s => county == null || s.BureauId == county)
            .OrderBy(s => s.Bureau!.Name).ThenBy(s => s.Kind).ThenBy(s => s.Name)
            .Select(s => new { s.Id, s.Name, s.Kind, s.BureauId, County = s.Bureau!.ShortName ?? s.Bureau.Name })
            .ToListAsync(ct);
        var rows = schools.Select(s =>
        {
            var cs = byClass[s.Id].Where(c => c.HasRule).ToList();
            return new LessonRateRow(s.Id, s.BureauId, s.Name, s.County, s.Kind, cs.Count, cs.Sum(c => c.Figures.Required), cs.Sum(c => c.Figures.Credited),
                cs.Sum(c => c.Figures.Held), cs.Count(c => c.Figures.Behind));
        }).ToList();
        var counties = rows.GroupBy(r => (r.CountyId, r.County))
            .Select(g => Sum(g, null, g.Key.CountyId, g.Key.County ?? "")).ToList();
        var tree = await EducationSettingsTree.LoadAsync(db, scope.FilterPrefix, ct);
        return new LessonRateReport(tree.For(scope.FilterPrefix).TermFor(anchor).Key, clock.Today(), counties, rows, Sum(rows, null, null, ""));
    }

    private static LessonRateRow Sum(IEnumerable<LessonRateRow> rows, Guid? school, Guid? county, string name)
    {
        var list = rows.ToList();
        return new LessonRateRow(school, county, name, null, null, list.Sum(r => r.Classes), list.Sum(r => r.Required), list.Sum(r => r.Credited),
            list.Sum(r => r.Held), list.Sum(r => r.ClassesBehind));
    }

    /// <summary>The school's lessons, newest first, paged in SQL.</summary>
    public async Task<(IReadOnlyList<LessonListRow> Rows, int Total)> ListAsync(Guid schoolId, DateOnly from, DateOnly to, int page, int pageSize, CancellationToken ct = default)
    {
        var query = db.Lessons.Where(l => l.SchoolId == schoolId && l.Date >= from && l.Date <= to)
            .Join(db.SchoolClasses, l => l.ClassId, c => c.Id, (l, c) => new { l, c });
        var total = await query.CountAsync(ct);
        var q = query.OrderByDescending(x => x.l.Date).ThenBy(x => x.c.Grade).ThenBy(x => x.c.Name)
            .Select(x => new LessonListRow(x.l.Id, x.l.Date, x.c.Grade, x.c.Name, x.l.Topic, x.l.Teacher, x.l.Minutes, x.l.PhotoIds.Count));
        var rows = pageSize > 0 ? await q.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct) : await q.ToListAsync(ct);
        return (rows, total);
    }
}
