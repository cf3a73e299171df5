using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Drills.Bureau;

/// <summary>What the compliance matrix shows: a year, optionally one safety district, one school kind, only schools with something overdue.</summary>
public sealed record MatrixQuery(int Year, Guid? District = null, SchoolKind? Kind = null, bool OverdueOnly = false, int Page = 1, int PageSize = 0);

/// <summary>A column after the twelve months: one semester or year requirement (e.g. 消防疏散 this semester, ≥4 a year).</summary>
public sealed record MatrixColumn(string Key, string Label, string Title, DrillPeriod Period);

/// <summary>One cell: the worst state of the requirements behind it (null: nothing is required then), and where its drills are.</summary>
public sealed record MatrixCell(ComplianceState? State, string Title, string? Link, string PeriodKey);

public sealed record MatrixRow(Guid SchoolId, string Name, SchoolKind Kind, bool IsBoarding, Guid CountyId, string County, string? District,
    IReadOnlyList<MatrixCell> Months, IReadOnlyList<MatrixCell> Extras)
{
    public bool AnyOverdue => Months.Concat(Extras).Any(c => c.State == ComplianceState.Overdue);
}

/// <summary>
/// Headline figures over the filtered schools. <see cref="Month"/>: the current month (or December / January for a
/// past / future year). Participation: participants ÷ enrolment summed over the year's accepted drills.
/// </summary>
public sealed record MatrixFigures(int Month, int Compliant, int Applicable, int OverdueSchools, int OverdueRequirements,
    int AcceptedDrills, long Participants, long Enrolled, int AwaitingReview);

public sealed record ComplianceMatrix(int Year, DateOnly Today, PeriodRange Semester, IReadOnlyList<MatrixColumn> Extras,
    IReadOnlyList<MatrixRow> Rows, int TotalRows, bool GroupByCounty, MatrixFigures Figures);

/// <summary>
/// The drill compliance matrix of the schools in scope: rows are schools, columns the twelve months (the worst state of
/// the monthly and quarterly requirements covering each month) and the semester and year requirements. A fixed number
/// of queries whatever the number of schools: schools, bureaus, settings (2), drill facts aggregated by school, kind,
/// month and state, the submitted drills (for direct links), and the participation totals; states are computed in memory.
/// </summary>
public sealed class DrillComplianceReport(AppDbContext db, TenantScope scope, TimeProvider clock)
{
    public async Task<ComplianceMatrix> BuildAsync(MatrixQuery query, CancellationToken ct = default)
    {
        var today = clock.Today();
        var year = query.Year;
        var reference = year == today.Year ? today : year < today.Year ? new DateOnly(year, 12, 31) : new DateOnly(year, 2, 1);
        var semester = DrillPeriods.Containing(DrillPeriod.Semester, reference);
        var figureMonth = year == today.Year ? today.Month : year < today.Year ? 12 : 1;
        var yearStart = new DateOnly(year, 1, 1);
        var yearEnd = new DateOnly(year, 12, 31);
        var from = semester.Start < yearStart ? semester.Start : yearStart;
        var to = semester.End > yearEnd ? semester.End : yearEnd;

        var schoolsQuery = db.Schools.AsQueryable();
        if (query.District is { } district)
        {
            schoolsQuery = schoolsQuery.Where(s => s.DistrictId == district);
        }

        if (query.Kind is { } kind)
        {
            schoolsQuery = schoolsQuery.Where(s => s.Kind == kind);
        }

        var schools = await schoolsQuery.OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Name, s.Kind, s.IsBoarding, s.BureauId, s.ScopePath, s.DistrictId })
            .ToListAsync(ct);
        var bureaus = await db.Bureaus.Select(b => new { b.Id, b.Name }).ToDictionaryAsync(b => b.Id, b => b.Name, ct);
        var districts = await db.SafetyDistricts.Select(d => new { d.Id, d.Name }).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var tree = await DrillSettingsTree.LoadAsync(db, scope.FilterPrefix, ct);
        var schoolIds = schoolsQuery.Select(s => s.Id);
        var facts = await DrillFacts.ForSchoolsAsync(db, schoolIds, from, to, ct);
        var submitted = (await db.Drills
                .Where(d => d.State == DrillState.Submitted && schoolIds.Contains(d.SchoolId))
                .Select(d => new { d.Id, d.SchoolId, d.KindId, d.Date })
                .ToListAsync(ct))
            .ToLookup(d => d.SchoolId);
        var participation = await db.Drills
            .Where(d => d.State == DrillState.Accepted && d.Date >= yearStart && d.Date <= yearEnd && schoolIds.Contains(d.SchoolId))
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Count = g.Count(),
                Participants = g.Sum(d => (long)((d.StudentsParticipating ?? 0) + (d.StaffParticipating ?? 0))),
                Enrolled = g.Sum(d => (long)((d.StudentsEnrolled ?? 0) + (d.StaffEnrolled ?? 0))),
            })
            .SingleOrDefaultAsync(ct);

        // A city's scope path has one segment ("/{city}/"): its schools are grouped by county.
        var groupByCounty = scope.IsSystem || scope.Path?.Count(ch => ch == '/') == 2;
        var evaluated = schools.Select(s =>
        {
            var settings = tree.For(s.ScopePath);
            var statuses = DrillCompliance.EvaluateSchool(settings.Rules, s.Kind, s.IsBoarding, facts[s.Id].ToList(), from, to, today);
            return (School: s, Statuses: statuses);
        }).ToList();

        var extras = evaluated
            .SelectMany(e => e.Statuses)
            .Where(st => (st.Rule.Period == DrillPeriod.Semester && st.Period.Key == semester.Key) || (st.Rule.Period == DrillPeriod.Year && st.Period.Start.Year == year))
            .Select(st => st.Rule)
            .DistinctBy(r => ColumnKey(r, tree))
            .OrderBy(r => r.Period)
            .ThenBy(r => r.KindId is { } k && tree.Kinds.TryGetValue(k, out var kind) ? (kind.BoardingOnly ? 1000 : 0) + kind.SortOrder : int.MaxValue)
            .Select(r => Column(r, tree, semester, year))
            .ToList();

        var overdue = new HashSet<(Guid, Guid, string)>();
        var rows = new List<MatrixRow>(evaluated.Count);
        foreach (var (s, statuses) in evaluated)
        {
            var waiting = submitted[s.Id].Select(d => (d.Id, d.KindId, d.Date)).ToList();
            var used = new List<RuleStatus>();
            var months = new List<MatrixCell>(12);
            for (var m = 1; m <= 12; m++)
            {
                var monthPeriod = DrillPeriods.Containing(DrillPeriod.Month, new DateOnly(year, m, 1));
                var covering = statuses.Where(st => st.Rule.Period is DrillPeriod.Month or DrillPeriod.Quarter && st.Period.Contains(monthPeriod.Start)).ToList();
                var linkPeriod = covering.Count > 0 && covering.All(st => st.Rule.Period == DrillPeriod.Quarter) ? covering[0].Period : monthPeriod;
                months.Add(Cell(s.Id, covering, linkPeriod, monthPeriod, waiting, tree));
                used.AddRange(covering);
            }

            var extraCells = new List<MatrixCell>(extras.Count);
            foreach (var col in extras)
            {
                var period = col.Period == DrillPeriod.Semester ? semester : DrillPeriods.Containing(DrillPeriod.Year, yearStart);
                var matching = statuses.Where(st => st.Period.Key == period.Key && ColumnKey(st.Rule, tree) == col.Key).ToList();
                extraCells.Add(Cell(s.Id, matching, period, period, waiting, tree));
                used.AddRange(matching);
            }

            foreach (var st in used.Where(st => st.State == ComplianceState.Overdue))
            {
                overdue.Add((s.Id, st.Rule.Id, st.Period.Key));
            }

            var county = bureaus.GetValueOrDefault(s.BureauId, "");
            rows.Add(new MatrixRow(s.Id, s.Name, s.Kind, s.IsBoarding, s.BureauId, county,
                s.DistrictId is { } d && districts.TryGetValue(d, out var dn) ? dn : null, months, extraCells));
        }

        var figureCells = rows.Select(r => r.Months[figureMonth - 1]).Where(c => c.State is not null).ToList();
        var figures = new MatrixFigures(figureMonth,
            figureCells.Count(c => c.State == ComplianceState.Completed), figureCells.Count,
            rows.Count(r => r.AnyOverdue), overdue.Count,
            participation?.Count ?? 0, participation?.Participants ?? 0, participation?.Enrolled ?? 0,
            submitted.Sum(g => g.Count()));

        IEnumerable<MatrixRow> shown = groupByCounty ? rows.OrderBy(r => r.County, StringComparer.Ordinal) : rows;
        if (query.OverdueOnly)
        {
            shown = shown.Where(r => r.AnyOverdue);
        }

        var list = shown.ToList();
        var page = query.PageSize > 0 ? list.Skip((Math.Max(query.Page, 1) - 1) * query.PageSize).Take(query.PageSize).ToList() : list;
        return new ComplianceMatrix(year, today, semester, extras, page, list.Count, groupByCounty, figures);
    }

    /// <summary>
    /// Columns group rules that mean the same thing across counties with their own settings: the period and the kind's
    /// name, or for rules of any kind the period and the count.
    /// </summary>
    private static string ColumnKey(DrillRule rule, DrillSettingsTree tree) =>
        rule.KindId is { } k ? $"{rule.Period}:{tree.KindName(k)}" : $"{rule.Period}:*:{rule.MinCount}";

    private static MatrixColumn Column(DrillRule rule, DrillSettingsTree tree, PeriodRange semester, int year)
    {
        var kindName = rule.KindId is { } k ? tree.KindName(k) : null;
        var period = rule.Period == DrillPeriod.Semester ? semester : DrillPeriods.Containing(DrillPeriod.Year, new DateOnly(year, 1, 1));
        var label = kindName ?? string.Format(CultureInfo.CurrentCulture, DrillsBureauText.AtLeastN, rule.MinCount);
        return new MatrixColumn(ColumnKey(rule, tree), label, string.Format(CultureInfo.CurrentCulture, DrillsBureauText.LabelValue, DrillLabels.Period(period), DrillLabels.Rule(rule, kindName)), rule.Period);
    }

    private static MatrixCell Cell(Guid schoolId, List<RuleStatus> statuses, PeriodRange linkPeriod, PeriodRange titlePeriod,
        List<(Guid Id, Guid KindId, DateOnly Date)> submitted, DrillSettingsTree tree)
    {
        if (statuses.Count == 0)
        {
            return new MatrixCell(null, string.Format(CultureInfo.CurrentCulture, DrillsBureauText.LabelValue, DrillLabels.Period(titlePeriod), DrillsBureauText.NoRequirement), null, linkPeriod.Key);
        }

        var state = DrillCompliance.Worst(statuses.Select(s => s.State));
        var link = $"/drills/school/{schoolId}?period={linkPeriod.Key}";
        if (state == ComplianceState.AwaitingReview)
        {
            var waiting = submitted.Where(d => statuses.Any(s => s.Period.Contains(d.Date) && (s.Rule.KindId is null || s.Rule.KindId == d.KindId))).ToList();
            if (waiting.Count == 1)
            {
                link = $"/drills/review/{waiting[0].Id}";
            }
        }

        var c = CultureInfo.CurrentCulture;
        var details = statuses.Select(s => string.Format(c, DrillsBureauText.CellDetail, DrillLabels.Period(s.Period),
            DrillLabels.Rule(s.Rule, s.Rule.KindId is { } k ? tree.KindName(k) : null), DrillLabels.State(s.State), s.Accepted, s.Submitted, s.Scheduled));
        return new MatrixCell(state, string.Join("\n", details), link, linkPeriod.Key);
    }
}

/// <summary>The matrix's query string, read the same way by the page and the Excel export.</summary>
public static class MatrixQueryString
{
    public static MatrixQuery Parse(int? year, Guid? district, string? kind, string? state, int? page, DateOnly today, int pageSize) =>
        new(year is { } y && y >= 2000 && y <= today.Year + 1 ? y : today.Year,
            district,
            Enum.TryParse<SchoolKind>(kind, ignoreCase: true, out var k) && Enum.IsDefined(k) ? k : null,
            string.Equals(state, "overdue", StringComparison.OrdinalIgnoreCase),
            page is > 0 ? page.Value : 1,
            pageSize);

    /// <summary>"?year=2026&amp;district=…" for links that keep the filters (page left out unless given).</summary>
    public static string Of(MatrixQuery q, bool? overdueOnly = null, int? page = null)
    {
        var parts = new List<string> { $"year={q.Year}" };
        if (q.District is { } d)
        {
            parts.Add($"district={d}");
        }

        if (q.Kind is { } k)
        {
            parts.Add($"kind={k}");
        }

        if (overdueOnly ?? q.OverdueOnly)
        {
            parts.Add("state=overdue");
        }

        if (page is > 1)
        {
            parts.Add($"page={page}");
        }

        return "?" + string.Join('&', parts);
    }
}
