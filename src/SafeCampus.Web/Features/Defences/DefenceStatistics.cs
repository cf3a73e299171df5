using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Components.Shared;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Features.Defences;

/// <summary>
/// One line of the statistics table: a school (with its return's state), a county, a subtotal or the total.
/// <see cref="Values"/> per field: the school's value, or for aggregate lines the sum (counts; yes/no fields count
/// the schools with "yes") or the minimum (measurements). Null where nothing was reported.
/// </summary>
public sealed record DefenceStatRow(
    string Name, string? Detail, IReadOnlyDictionary<string, decimal> Values, int Schools, int Reported, int NonCompliant, int Late,
    DefenceReturnState? State = null, DefenceCheck Failed = DefenceCheck.None, Guid? ReturnId = null, Guid? SchoolId = null)
{
    public decimal? Value(string field) => Values.TryGetValue(field, out var v) ? v : null;
}

/// <summary>Rows of one school kind (county table) with their subtotal; the city table has one group of counties and no subtotal.</summary>
public sealed record DefenceStatGroup(string Title, IReadOnlyList<DefenceStatRow> Rows, DefenceStatRow? Subtotal);

public sealed record DefenceSchoolRef(Guid Id, string Name, string County);

public sealed record DefenceStatisticsTable(
    Guid BureauId, string BureauName, DateOnly Month, bool ByCounty, IReadOnlyList<DefenceStatGroup> Groups, DefenceStatRow Total,
    IReadOnlyDictionary<DefenceCheck, int> FailedByCheck, IReadOnlyList<DefenceSchoolRef> Late, IReadOnlyList<DefenceSchoolRef> Missing,
    DefenceStandard Standard, DateTimeOffset GeneratedAt)
{
    public int Compliant => Total.Reported - Total.NonCompliant;
}

/// <summary>Month-on-month: this month's total, last month's, and twelve months of a few series for the chart.</summary>
public sealed record DefenceTrends(
    DateOnly Month, IReadOnlyDictionary<string, decimal> This, IReadOnlyDictionary<string, decimal> Previous,
    IReadOnlyList<DefenceTrendPoint> Points)
{
    public decimal? Change(string field) =>
        This.TryGetValue(field, out var now) && Previous.TryGetValue(field, out var before) ? now - before : null;
}

public sealed record DefenceTrendPoint(DateOnly Month, decimal Guards, decimal FullTimeGuards, decimal Cameras, int Reported, int Compliant);

/// <summary>
/// The 三防 statistics table (统计表) of a bureau for a month, aggregated in SQL (GROUP BY) over the schools of its
/// subtree: a county's table has a row per school grouped by kind with subtotals; a city's a row per county. Only
/// returns that were submitted, confirmed or accepted count; the others are "missing". A fixed number of queries.
/// </summary>
public sealed class DefenceStatistics(AppDbContext db, TimeProvider clock)
{
    public async Task<DefenceStatisticsTable?> BuildAsync(Guid bureauId, DateOnly month, CancellationToken ct = default)
    {
        month = DefenceReturn.FirstOfMonth(month);
        var bureau = await db.Bureaus.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bureauId, ct);
        if (bureau is null)
        {
            return null;
        }

        var path = bureau.Path;
        var byCounty = bureau.Level == BureauLevel.City;
        var standard = (await DefenceStandardsTree.LoadAsync(db, path, ct)).For(path);
        var schools = await db.Schools.Where(s => s.ScopePath.StartsWith(path))
            .OrderBy(s => s.Bureau!.Name).ThenBy(s => s.Kind).ThenBy(s => s.Name)
            .Select(s => new { s.Id, s.Name, s.Kind, s.BureauId, County = s.Bureau!.Name }).ToListAsync(ct);
        var reported = db.DefenceReturns.Where(r => r.Month == month && r.ScopePath.StartsWith(path) && DefenceReturn.Reported.Contains(r.State));
        var returns = await db.DefenceReturns.Where(r => r.Month == month && r.ScopePath.StartsWith(path))
            .Select(r => new { r.Id, r.SchoolId, r.State, r.IsLate, r.FailedChecks }).ToDictionaryAsync(r => r.SchoolId, ct);
        var values = from r in reported
                     from v in r.Values
                     join s in db.Schools on r.SchoolId equals s.Id
                     select new { r.SchoolId, s.Kind, s.BureauId, v.Field, v.Value };

        // Totals and per-group aggregates: sums and minima per field, and counts per group.
        var totalValues = Pick(await values.GroupBy(x => x.Field)
            .Select(g => new Agg(g.Key, g.Sum(x => x.Value), g.Min(x => x.Value))).ToListAsync(ct));
        var joined = reported.Join(db.Schools, r => r.SchoolId, s => s.Id, (r, s) => new { s.Kind, s.BureauId, r.IsLate, r.FailedChecks });
        var counts = byCounty
            ? (await joined.GroupBy(x => x.BureauId)
                .Select(g => new { g.Key, Reported = g.Count(), NonCompliant = g.Count(x => x.FailedChecks != DefenceCheck.None), Late = g.Count(x => x.IsLate) })
                .ToListAsync(ct)).Select(x => new GroupCount(x.Key, x.Reported, x.NonCompliant, x.Late)).ToList()
            : (await joined.GroupBy(x => x.Kind)
                .Select(g => new { g.Key, Reported = g.Count(), NonCompliant = g.Count(x => x.FailedChecks != DefenceCheck.None), Late = g.Count(x => x.IsLate) })
                .ToListAsync(ct)).Select(x => new GroupCount(x.Key, x.Reported, x.NonCompliant, x.Late)).ToList();
        var failedByCheck = await reported.GroupBy(r => 1).Select(g => new
        {
            Gate = g.Count(r => (r.FailedChecks & DefenceCheck.GuardsPerGate) != 0),
            Ratio = g.Count(r => (r.FailedChecks & DefenceCheck.GuardRatio) != 0),
            Wall = g.Count(r => (r.FailedChecks & DefenceCheck.Wall) != 0),
            Alarm = g.Count(r => (r.FailedChecks & DefenceCheck.Alarm) != 0),
            Cameras = g.Count(r => (r.FailedChecks & DefenceCheck.Cameras) != 0),
            Video = g.Count(r => (r.FailedChecks & DefenceCheck.Video) != 0),
        }).SingleOrDefaultAsync(ct);
        var byCheck = new Dictionary<DefenceCheck, int>
        {
            [DefenceCheck.GuardsPerGate] = failedByCheck?.Gate ?? 0, [DefenceCheck.GuardRatio] = failedByCheck?.Ratio ?? 0,
            [DefenceCheck.Wall] = failedByCheck?.Wall ?? 0, [DefenceCheck.Alarm] = failedByCheck?.Alarm ?? 0,
            [DefenceCheck.Cameras] = failedByCheck?.Cameras ?? 0, [DefenceCheck.Video] = failedByCheck?.Video ?? 0,
        };

        var groups = new List<DefenceStatGroup>();
        if (byCounty)
        {
            var perCounty = (await values.GroupBy(x => new { x.BureauId, x.Field })
                    .Select(g => new { g.Key.BureauId, Agg = new Agg(g.Key.Field, g.Sum(x => x.Value), g.Min(x => x.Value)) }).ToListAsync(ct))
                .ToLookup(x => x.BureauId, x => x.Agg);
            var rows = schools.GroupBy(s => (s.BureauId, s.County)).Select(g =>
            {
                var c = counts.FirstOrDefault(x => Equals(x.Key, g.Key.BureauId));
                return new DefenceStatRow(g.Key.County, null, Pick(perCounty[g.Key.BureauId]), g.Count(), c?.Reported ?? 0, c?.NonCompliant ?? 0, c?.Late ?? 0);
            }).ToList();
            groups.Add(new DefenceStatGroup("", rows, null));
        }
        else
        {
            var perSchool = (await values.Select(x => new { x.SchoolId, x.Field, x.Value }).ToListAsync(ct))
                .ToLookup(x => x.SchoolId, x => new Agg(x.Field, x.Value, x.Value));
            var perKind = (await values.GroupBy(x => new { x.Kind, x.Field })
                    .Select(g => new { g.Key.Kind, Agg = new Agg(g.Key.Field, g.Sum(x => x.Value), g.Min(x => x.Value)) }).ToListAsync(ct))
                .ToLookup(x => x.Kind, x => x.Agg);
            foreach (var kind in schools.GroupBy(s => s.Kind))
            {
                var rows = kind.Select(s =>
                {
                    var r = returns.GetValueOrDefault(s.Id);
                    var counted = r is not null && DefenceReturn.Reported.Contains(r.State);
                    return new DefenceStatRow(s.Name, null, counted ? Pick(perSchool[s.Id]) : new Dictionary<string, decimal>(), 1, counted ? 1 : 0,
                        counted && r!.FailedChecks != DefenceCheck.None ? 1 : 0, counted && r!.IsLate ? 1 : 0,
                        r?.State, counted ? r!.FailedChecks : DefenceCheck.None, r?.Id, s.Id);
                }).ToList();
                var c = counts.FirstOrDefault(x => Equals(x.Key, kind.Key));
                var subtotal = new DefenceStatRow(string.Format(System.Globalization.CultureInfo.CurrentCulture, DefencesText.Subtotal, RoleNames.Of(kind.Key)),
                    null, Pick(perKind[kind.Key]), kind.Count(), c?.Reported ?? 0, c?.NonCompliant ?? 0, c?.Late ?? 0);
                groups.Add(new DefenceStatGroup(RoleNames.Of(kind.Key), rows, subtotal));
            }
        }

        var total = new DefenceStatRow(DefencesText.Total, null, totalValues, schools.Count, counts.Sum(c => c.Reported),
            counts.Sum(c => c.NonCompliant), counts.Sum(c => c.Late));
        var late = schools.Where(s => returns.TryGetValue(s.Id, out var r) && r.IsLate && DefenceReturn.Reported.Contains(r.State))
            .Select(s => new DefenceSchoolRef(s.Id, s.Name, s.County)).ToList();
        var missing = schools.Where(s => !returns.TryGetValue(s.Id, out var r) || !DefenceReturn.Reported.Contains(r.State))
            .Select(s => new DefenceSchoolRef(s.Id, s.Name, s.County)).ToList();
        return new DefenceStatisticsTable(bureau.Id, bureau.Name, month, byCounty, groups, total, byCheck, late, missing, standard, clock.GetUtcNow());
    }

    /// <summary>Totals per field of the month and the month before, and twelve months of guards, cameras and compliance.</summary>
    public async Task<DefenceTrends> TrendsAsync(string bureauPath, DateOnly month, CancellationToken ct = default)
    {
        month = DefenceReturn.FirstOfMonth(month);
        var from = month.AddMonths(-11);
        var reported = db.DefenceReturns.Where(r => r.Month >= from && r.Month <= month && r.ScopePath.StartsWith(bureauPath)
                                                    && DefenceReturn.Reported.Contains(r.State));
        var sums = await reported.SelectMany(r => r.Values, (r, v) => new { r.Month, v.Field, v.Value })
            .GroupBy(x => new { x.Month, x.Field })
            .Select(g => new { g.Key.Month, g.Key.Field, Sum = g.Sum(x => x.Value), Min = g.Min(x => x.Value) })
            .ToListAsync(ct);
        var compliance = await reported.GroupBy(r => r.Month)
            .Select(g => new { Month = g.Key, Reported = g.Count(), Compliant = g.Count(r => r.FailedChecks == DefenceCheck.None) })
            .ToDictionaryAsync(x => x.Month, ct);
        Dictionary<string, decimal> Of(DateOnly m) => Pick(sums.Where(s => s.Month == m).Select(s => new Agg(s.Field, s.Sum, s.Min)));
        decimal Sum(DateOnly m, string field) => sums.FirstOrDefault(s => s.Month == m && s.Field == field)?.Sum ?? 0;
        var points = Enumerable.Range(0, 12).Select(i => from.AddMonths(i)).Select(m => new DefenceTrendPoint(m,
            Sum(m, DefenceFields.Guards), Sum(m, DefenceFields.FullTimeGuards), Sum(m, DefenceFields.Cameras),
            compliance.GetValueOrDefault(m)?.Reported ?? 0, compliance.GetValueOrDefault(m)?.Compliant ?? 0)).ToList();
        return new DefenceTrends(month, Of(month), Of(month.AddMonths(-1)), points);
    }

    /// <summary>Sum for counts and yes/no fields, minimum for measurements.</summary>
    private static Dictionary<string, decimal> Pick(IEnumerable<Agg> aggregates) =>
        aggregates.Where(a => DefenceFields.ByKey.ContainsKey(a.Field))
            .ToDictionary(a => a.Field, a => DefenceFields.ByKey[a.Field].Type == DefenceFieldType.Measure ? a.Min : a.Sum, StringComparer.Ordinal);

    private sealed record Agg(string Field, decimal Sum, decimal Min);

    private sealed record GroupCount(object Key, int Reported, int NonCompliant, int Late);
}
