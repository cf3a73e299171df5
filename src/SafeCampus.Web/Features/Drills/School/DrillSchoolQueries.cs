using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Drills.School;

/// <summary>The facts of a school that its drill pages need.</summary>
public sealed record SchoolFacts(Guid Id, string Name, SchoolKind Kind, bool IsBoarding, int Students, int Staff, string ScopePath, int CalendarLinkVersion);

/// <summary>One requirement of the current period with its state and the counts behind it, in words.</summary>
public sealed record RequirementLine(RuleStatus Status, string Title, string Reason, string ShortTitle)
{
    public ComplianceState State => Status.State;
    public DateOnly Due => Status.Period.End;
    public Guid? KindId => Status.Rule.KindId;
}

/// <summary>One drill in a list or the calendar.</summary>
public sealed record DrillRow(Guid Id, DateOnly Date, TimeOnly? StartTime, Guid KindId, string KindName, string Scenario, DrillState State);

public sealed record DrillPage(IReadOnlyList<DrillRow> Rows, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>Everything the detail page shows of one drill.</summary>
public sealed record DrillDetail(
    Guid Id, Guid SchoolId, string SchoolName, int SchoolStudents, int SchoolStaff, Guid KindId, string KindName,
    DateOnly Date, TimeOnly? StartTime, string Scenario, string? Location, string Organiser, string? PlanText, Guid? PlanFileId, DrillState State,
    int? StudentsParticipating, int? StaffParticipating, int? StudentsEnrolled, int? StaffEnrolled, int? EvacuationSeconds,
    string? Summary, string? Improvements, IReadOnlyList<string> Findings, IReadOnlyList<Guid> PhotoIds,
    DateTimeOffset CreatedAt, string? CreatedBy, DateTimeOffset? SubmittedAt, string? SubmittedBy,
    DateTimeOffset? ReviewedAt, string? ReviewedBy, string? ReviewComment)
{
    public int? Participants => StudentsParticipating + StaffParticipating;
    public int? Enrolled => StudentsEnrolled + StaffEnrolled;

    public decimal? ParticipationRate => Enrolled is > 0 and var e ? Math.Round((decimal)Participants!.Value / e, 4) : null;
}

/// <summary>
/// Reads for the school's drill pages, the calendar feed and the to-do list: projections through the tenant filter,
/// filtered and paged in SQL. Kind names come from the bureau that owns the kinds (above the school's scope), read
/// deliberately past the filter but only among the school's ancestors.
/// </summary>
public sealed class DrillSchoolQueries(AppDbContext db, TenantScope scope, DrillSettings settings)
{
    public Task<SchoolFacts?> CurrentSchoolAsync(CancellationToken ct = default) =>
        scope.SchoolId is { } id ? SchoolAsync(id, ct) : Task.FromResult<SchoolFacts?>(null);

    public Task<SchoolFacts?> SchoolAsync(Guid id, CancellationToken ct = default) =>
        db.Schools.Where(s => s.Id == id)
            .Select(s => new SchoolFacts(s.Id, s.Name, s.Kind, s.IsBoarding, s.Students, s.Staff, s.ScopePath, s.CalendarLinkVersion))
            .SingleOrDefaultAsync(ct);

    /// <summary>Every requirement of the periods that contain <paramref name="today"/>, most urgent first.</summary>
    public async Task<IReadOnlyList<RequirementLine>> RequirementsAsync(SchoolFacts school, DateOnly today, CancellationToken ct = default)
    {
        var effective = await settings.ForScopeAsync(school.ScopePath, ct);
        var rules = DrillCompliance.ApplicableRules(effective.Rules, school.Kind, school.IsBoarding).ToList();
        if (rules.Count == 0)
        {
            return [];
        }

        var periods = rules.Select(r => DrillPeriods.Containing(r.Period, today)).ToList();
        var from = periods.Min(p => p.Start);
        var to = periods.Max(p => p.End);
        var facts = await db.Drills.Where(d => d.SchoolId == school.Id && d.Date >= from && d.Date <= to)
            .Select(d => new DrillFact(d.KindId, d.Date, d.State)).ToListAsync(ct);
        return DrillCompliance.EvaluateSchool(rules, school.Kind, school.IsBoarding, facts, today, today, today)
            .Select(s => DrillWords.Requirement(s, s.Rule.KindId is { } k ? effective.Kind(k)?.Name : null))
            .OrderBy(l => Urgency(l.State)).ThenBy(l => l.Due).ToList();
    }

    public async Task<IReadOnlyList<DrillRow>> BetweenAsync(Guid schoolId, DateOnly from, DateOnly to, bool includeCancelled, CancellationToken ct = default)
    {
        var rows = await db.Drills
            .Where(d => d.SchoolId == schoolId && d.Date >= from && d.Date <= to && (includeCancelled || d.State != DrillState.Cancelled))
            .OrderBy(d => d.Date).ThenBy(d => d.StartTime)
            .Select(d => new { d.Id, d.Date, d.StartTime, d.KindId, d.Scenario, d.State })
            .ToListAsync(ct);
        var names = await KindNamesAsync(rows.Select(r => r.KindId), ct);
        return rows.Select(r => new DrillRow(r.Id, r.Date, r.StartTime, r.KindId, names.GetValueOrDefault(r.KindId, ""), r.Scenario, r.State)).ToList();
    }

    /// <summary>The school's drills, newest first, one page.</summary>
    public async Task<DrillPage> PageAsync(Guid schoolId, int page, int pageSize, CancellationToken ct = default)
    {
        var query = db.Drills.Where(d => d.SchoolId == schoolId);
        var total = await query.CountAsync(ct);
        var pages = Math.Max(1, (total + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pages);
        var rows = await query.OrderByDescending(d => d.Date).ThenByDescending(d => d.StartTime).ThenByDescending(d => d.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(d => new { d.Id, d.Date, d.StartTime, d.KindId, d.Scenario, d.State })
            .ToListAsync(ct);
        var names = await KindNamesAsync(rows.Select(r => r.KindId), ct);
        return new DrillPage(rows.Select(r => new DrillRow(r.Id, r.Date, r.StartTime, r.KindId, names.GetValueOrDefault(r.KindId, ""), r.Scenario, r.State)).ToList(),
            total, page, pageSize);
    }

    /// <summary>Scheduled drills dated on or before <paramref name="today"/> (to file) and returned filings (to correct).</summary>
    public async Task<IReadOnlyList<DrillRow>> NeedingFilingAsync(Guid schoolId, DateOnly today, CancellationToken ct = default)
    {
        var rows = await db.Drills
            .Where(d => d.SchoolId == schoolId && ((d.State == DrillState.Scheduled && d.Date <= today) || d.State == DrillState.Returned))
            .OrderBy(d => d.Date).Take(50)
            .Select(d => new { d.Id, d.Date, d.StartTime, d.KindId, d.Scenario, d.State })
            .ToListAsync(ct);
        var names = await KindNamesAsync(rows.Select(r => r.KindId), ct);
        return rows.Select(r => new DrillRow(r.Id, r.Date, r.StartTime, r.KindId, names.GetValueOrDefault(r.KindId, ""), r.Scenario, r.State)).ToList();
    }

    /// <summary>Null when the drill does not exist in the caller's scope.</summary>
    public async Task<DrillDetail?> DetailAsync(Guid id, CancellationToken ct = default)
    {
        var d = await db.Drills.AsNoTracking().AsSplitQuery().Where(x => x.Id == id).Select(x => new
        {
            x.Id, x.SchoolId, x.KindId, x.Date, x.StartTime, x.Scenario, x.Location, x.Organiser, x.PlanText, x.PlanFileId, x.State,
            x.StudentsParticipating, x.StaffParticipating, x.StudentsEnrolled, x.StaffEnrolled, x.EvacuationSeconds,
            x.Summary, x.Improvements, x.Findings, x.Photos, x.CreatedAt, x.CreatedBy, x.SubmittedAt, x.SubmittedBy,
            x.ReviewedAt, x.ReviewedBy, x.ReviewComment,
        }).SingleOrDefaultAsync(ct);
        if (d is null)
        {
            return null;
        }

        var school = await db.Schools.Where(s => s.Id == d.SchoolId).Select(s => new { s.Name, s.Students, s.Staff }).SingleAsync(ct);
        var names = await KindNamesAsync([d.KindId], ct);
        var people = await UserNamesAsync([d.CreatedBy, d.SubmittedBy, d.ReviewedBy], ct);
        return new DrillDetail(d.Id, d.SchoolId, school.Name, school.Students, school.Staff, d.KindId, names.GetValueOrDefault(d.KindId, ""),
            d.Date, d.StartTime, d.Scenario, d.Location, d.Organiser, d.PlanText, d.PlanFileId, d.State,
            d.StudentsParticipating, d.StaffParticipating, d.StudentsEnrolled, d.StaffEnrolled, d.EvacuationSeconds,
            d.Summary, d.Improvements, d.Findings.Select(f => f.Text).ToList(), d.Photos.Select(p => p.FileId).ToList(),
            d.CreatedAt, Name(people, d.CreatedBy), d.SubmittedAt, Name(people, d.SubmittedBy),
            d.ReviewedAt, Name(people, d.ReviewedBy), d.ReviewComment);
    }

    /// <summary>The active kinds a school may schedule: the effective ones, boarding-only kinds only for boarding schools.</summary>
    public async Task<IReadOnlyList<DrillKind>> KindsForAsync(SchoolFacts school, CancellationToken ct = default)
    {
        var effective = await settings.ForScopeAsync(school.ScopePath, ct);
        return effective.Kinds.Where(k => k.IsActive && (!k.BoardingOnly || school.IsBoarding)).ToList();
    }

    /// <summary>Names of drill kinds by id, among the kinds of the bureaus above the current scope.</summary>
    public async Task<Dictionary<Guid, string>> KindNamesAsync(IEnumerable<Guid> ids, CancellationToken ct = default)
    {
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0 || (scope.Path is null && !scope.IsSystem))
        {
            return [];
        }

        // Kinds belong to a bureau at or above the scope (the school's county or city), or below it for bureau users.
        var prefix = scope.FilterPrefix;
        var ancestors = DrillSettings.AncestorPaths(scope.Path ?? "/");
        return await db.DrillKinds.AcrossTenants()
            .Where(k => wanted.Contains(k.Id) && (ancestors.Contains(k.ScopePath) || k.ScopePath.StartsWith(prefix)))
            .ToDictionaryAsync(k => k.Id, k => k.Name, ct);
    }

    private async Task<Dictionary<string, string>> UserNamesAsync(IEnumerable<string?> ids, CancellationToken ct)
    {
        var wanted = ids.OfType<string>().Distinct().ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        // The reviewer is a bureau user above a school's scope: read just the names of the people on this drill.
        return await db.Users.AcrossTenants().Where(u => wanted.Contains(u.Id)).Select(u => new { u.Id, u.FullName })
            .ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
    }

    private static string? Name(Dictionary<string, string> people, string? id) => id is null ? null : people.GetValueOrDefault(id);

    private static int Urgency(ComplianceState state) => state switch
    {
        ComplianceState.Overdue => 0,
        ComplianceState.NotScheduled => 1,
        ComplianceState.Scheduled => 2,
        ComplianceState.AwaitingReview => 3,
        ComplianceState.NotStarted => 4,
        _ => 5,
    };
}
