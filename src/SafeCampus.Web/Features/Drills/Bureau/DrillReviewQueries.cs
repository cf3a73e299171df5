using SafeCampus.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Infrastructure;

namespace SafeCampus.Web.Features.Drills.Bureau;

public sealed record ReviewQueueRow(Guid Id, string School, string Kind, DateOnly Date, int Participants, int Enrolled, int Photos, DateTimeOffset? SubmittedAt);

public sealed record ReviewQueuePage(IReadOnlyList<ReviewQueueRow> Rows, int Total);

/// <summary>A filing as the bureau reviews it.</summary>
public sealed record ReviewDetail(
    Guid Id, Guid SchoolId, string School, int SchoolStudents, int SchoolStaff, string Kind, DrillState State,
    DateOnly Date, TimeOnly? StartTime, string Scenario, string? Location, string Organiser, string? PlanText, Guid? PlanFileId,
    int? Students, int? Staff, int? StudentsEnrolled, int? StaffEnrolled, int? EvacuationSeconds,
    string? Summary, string? Improvements, IReadOnlyList<string> Findings, IReadOnlyList<Guid> Photos,
    DateTimeOffset? SubmittedAt, string? SubmittedBy, DateTimeOffset? ReviewedAt, string? ReviewedBy, string? ReviewComment)
{
    public int Participants => (Students ?? 0) + (Staff ?? 0);
    public int Enrolled => (StudentsEnrolled ?? 0) + (StaffEnrolled ?? 0);
}

public sealed record SchoolDrillRow(Guid Id, string Kind, DateOnly Date, DrillState State, int Participants, int Enrolled, int Photos, DateTimeOffset? SubmittedAt);

/// <summary>One school's drills in a period and the requirements they count for.</summary>
public sealed record SchoolDrills(Guid SchoolId, string Name, SchoolKind Kind, bool IsBoarding, PeriodRange Period,
    IReadOnlyList<SchoolDrillRow> Drills, IReadOnlyList<(RuleStatus Status, string? KindName)> Requirements);

/// <summary>
/// Read models for the bureau's drill pages. Everything loads through the tenant filter: a drill or school of another
/// county is simply absent (null). Kind names are read past the filter by id, since a county's schools use the kinds
/// their city set.
/// </summary>
public sealed class DrillReviewQueries(AppDbContext db, TimeProvider clock)
{
    /// <summary>Submitted filings, oldest submission first.</summary>
    public async Task<ReviewQueuePage> QueueAsync(int page, int pageSize, CancellationToken ct = default)
    {
        var submitted = db.Drills.Where(d => d.State == DrillState.Submitted);
        var total = await submitted.CountAsync(ct);
        var rows = await (
                from d in submitted
                join s in db.Schools on d.SchoolId equals s.Id
                orderby d.SubmittedAt, d.Id
                select new
                {
                    d.Id, School = s.Name, d.KindId, d.Date,
                    Participants = (d.StudentsParticipating ?? 0) + (d.StaffParticipating ?? 0),
                    Enrolled = (d.StudentsEnrolled ?? 0) + (d.StaffEnrolled ?? 0),
                    Photos = d.Photos.Count, d.SubmittedAt,
                })
            .Skip((Math.Max(page, 1) - 1) * pageSize).Take(pageSize)
            .ToListAsync(ct);
        var kinds = await KindNamesAsync(rows.Select(r => r.KindId), ct);
        return new ReviewQueuePage(rows.Select(r => new ReviewQueueRow(r.Id, r.School, kinds.GetValueOrDefault(r.KindId, "—"), r.Date,
            r.Participants, r.Enrolled, r.Photos, r.SubmittedAt)).ToList(), total);
    }

    /// <summary>The filing, or null when it does not exist in the caller's scope.</summary>
    public async Task<ReviewDetail?> DetailAsync(Guid id, CancellationToken ct = default)
    {
        var d = await db.Drills.AsNoTracking().Include(x => x.Photos).Include(x => x.Findings).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (d is null)
        {
            return null;
        }

        var school = await db.Schools.Where(s => s.Id == d.SchoolId).Select(s => new { s.Name, s.Students, s.Staff }).SingleAsync(ct);
        var kinds = await KindNamesAsync([d.KindId], ct);
        var userIds = new[] { d.SubmittedBy, d.ReviewedBy }.OfType<string>().ToList();
        // Names of users visible in the caller's scope; a reviewer from the city shows to a county as "—".
        var users = await db.Users.Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.FullName }).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
        return new ReviewDetail(d.Id, d.SchoolId, school.Name, school.Students, school.Staff, kinds.GetValueOrDefault(d.KindId, "—"), d.State,
            d.Date, d.StartTime, d.Scenario, d.Location, d.Organiser, d.PlanText, d.PlanFileId,
            d.StudentsParticipating, d.StaffParticipating, d.StudentsEnrolled, d.StaffEnrolled, d.EvacuationSeconds,
            d.Summary, d.Improvements, d.Findings.Select(f => f.Text).ToList(), d.Photos.Select(p => p.FileId).ToList(),
            d.SubmittedAt, d.SubmittedBy is { } sb ? users.GetValueOrDefault(sb) : null,
            d.ReviewedAt, d.ReviewedBy is { } rb ? users.GetValueOrDefault(rb) : null, d.ReviewComment);
    }

    /// <summary>The school's drills in the period and its requirements over it; null when the school is not in scope.</summary>
    public async Task<SchoolDrills?> SchoolAsync(Guid schoolId, PeriodRange period, CancellationToken ct = default)
    {
        var school = await db.Schools.Where(s => s.Id == schoolId)
            .Select(s => new { s.Id, s.Name, s.Kind, s.IsBoarding, s.ScopePath }).SingleOrDefaultAsync(ct);
        if (school is null)
        {
            return null;
        }

        var drills = await db.Drills
            .Where(d => d.SchoolId == schoolId && d.Date >= period.Start && d.Date <= period.End)
            .OrderBy(d => d.Date).ThenBy(d => d.CreatedAt)
            .Select(d => new
            {
                d.Id, d.KindId, d.Date, d.State,
                Participants = (d.StudentsParticipating ?? 0) + (d.StaffParticipating ?? 0),
                Enrolled = (d.StudentsEnrolled ?? 0) + (d.StaffEnrolled ?? 0),
                Photos = d.Photos.Count, d.SubmittedAt,
            })
            .ToListAsync(ct);
        var tree = await DrillSettingsTree.LoadAsync(db, school.ScopePath, ct);
        // The requirements over the period include its semester and year, so count the drills of all of them.
        DrillPeriod[] longest = [DrillPeriod.Semester, DrillPeriod.Year];
        var from = longest.Select(p => DrillPeriods.Containing(p, period.Start).Start).Min();
        var to = longest.Select(p => DrillPeriods.Containing(p, period.End).End).Max();
        var facts = (await DrillFacts.ForSchoolsAsync(db, db.Schools.Where(s => s.Id == schoolId).Select(s => s.Id), from, to, ct))[schoolId].ToList();
        var statuses = DrillCompliance.EvaluateSchool(tree.For(school.ScopePath).Rules, school.Kind, school.IsBoarding, facts, period.Start, period.End, clock.Today());
        return new SchoolDrills(school.Id, school.Name, school.Kind, school.IsBoarding, period,
            drills.Select(d => new SchoolDrillRow(d.Id, tree.KindName(d.KindId), d.Date, d.State, d.Participants, d.Enrolled, d.Photos, d.SubmittedAt)).ToList(),
            statuses.Where(s => s.Period.Start <= period.End && s.Period.End >= period.Start)
                .Select(s => (s, s.Rule.KindId is { } k ? tree.KindName(k) : (string?)null)).ToList());
    }

    public async Task<int> AwaitingReviewAsync(CancellationToken ct = default) =>
        await db.Drills.CountAsync(d => d.State == DrillState.Submitted, ct);

    private async Task<Dictionary<Guid, string>> KindNamesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        // Only the names of kinds that drills visible to the caller refer to.
        return await db.DrillKinds.AcrossTenants().Where(k => list.Contains(k.Id)).ToDictionaryAsync(k => k.Id, k => k.Name, ct);
    }
}
