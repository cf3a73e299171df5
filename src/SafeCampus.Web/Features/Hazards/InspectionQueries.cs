using SafeCampus.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Features.Hazards;

public sealed record InspectionRow(Guid Id, string School, DateOnly Date, string Team, int Findings, int Closed, string? Notice, Guid? NoticeId);

public sealed record InspectionView(Inspection Inspection, string School, RectificationNotice? Notice, IReadOnlyList<LedgerRow> Findings);

public sealed class InspectionQueries(AppDbContext db)
{
    public Task<List<InspectionRow>> ListAsync(CancellationToken ct = default) =>
        db.Inspections.AsNoTracking().OrderByDescending(i => i.Date).ThenByDescending(i => i.CreatedAt).Take(200)
            .Select(i => new InspectionRow(i.Id, db.Schools.Where(s => s.Id == i.SchoolId).Select(s => s.Name).Single(), i.Date, i.Team,
                db.Hazards.Count(h => h.InspectionId == i.Id), db.Hazards.Count(h => h.InspectionId == i.Id && h.State == HazardState.Accepted),
                db.RectificationNotices.Where(n => n.InspectionId == i.Id).Select(n => n.Number).FirstOrDefault(),
                db.RectificationNotices.Where(n => n.InspectionId == i.Id).Select(n => (Guid?)n.Id).FirstOrDefault()))
            .ToListAsync(ct);

    public async Task<InspectionView?> ViewAsync(Guid id, CancellationToken ct = default)
    {
        var inspection = await db.Inspections.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct);
        if (inspection is null)
        {
            return null;
        }

        var school = await db.Schools.Where(s => s.Id == inspection.SchoolId).Select(s => s.Name).SingleAsync(ct);
        var notice = await db.RectificationNotices.AsNoTracking().SingleOrDefaultAsync(n => n.InspectionId == id, ct);
        var findings = await db.Hazards.AsNoTracking().Where(h => h.InspectionId == id).OrderBy(h => h.CreatedAt)
            .Select(h => new LedgerRow(h.Id, school, h.Place, h.Description, h.Area, h.Grade, h.Source, h.FoundOn, h.State, h.Deadline,
                h.ResponsiblePerson, h.Measures, h.FundingNeeded, h.AcceptedBy, h.AcceptedAt, h.EscalatedAt != null))
            .ToListAsync(ct);
        return new InspectionView(inspection, school, notice, findings);
    }
}

public sealed record CrossRow(Guid Id, string Inspector, string Target, DateOnly DueOn, DateOnly? Date, int Findings, bool Closed, bool Withdrawn = false);

public sealed record CrossFinding(string Place, string Description, string Area, HazardGrade Grade);

/// <summary>One assignment as the bureau or the inspecting school sees it: what was recorded, never the target's ledger.</summary>
public sealed record CrossView(CrossInspectionAssignment Assignment, string Inspector, string Target, Inspection? Inspection, IReadOnlyList<CrossFinding> Findings);

/// <summary>
/// Cross-school inspections. An assignment lives with the inspecting school, so the tenant filter shows it to that
/// school and its bureau only. The inspection and findings live with the inspected school; the inspecting school
/// reads them only by the ids on its own assignment, and only what it recorded (place, description, area, grade).
/// </summary>
public sealed class CrossInspectionQueries(AppDbContext db)
{
    public async Task<List<CrossRow>> ListAsync(CancellationToken ct = default)
    {
        // Filtered first; names and dates of the other school are then read by the ids found. (IgnoreQueryFilters
        // anywhere in a query lifts the filters of the whole query, so it never sits in this one.)
        var rows = await db.CrossInspectionAssignments.AsNoTracking().OrderByDescending(a => a.DueOn).ThenByDescending(a => a.CreatedAt).Take(200)
            .Select(a => new { a.Id, a.InspectorSchoolId, a.TargetSchoolId, a.DueOn, a.InspectionId, a.FindingCount, Closed = a.ClosedAt != null, Withdrawn = a.WithdrawnAt != null })
            .ToListAsync(ct);
        var schoolIds = rows.SelectMany(r => new[] { r.InspectorSchoolId, r.TargetSchoolId }).Distinct().ToList();
        var names = await db.Schools.AcrossTenants().Where(s => schoolIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var inspectionIds = rows.Where(r => r.InspectionId != null).Select(r => r.InspectionId!.Value).ToList();
        var dates = await db.Inspections.AcrossTenants().Where(i => inspectionIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Date, ct);
        return rows.Select(r => new CrossRow(r.Id, names[r.InspectorSchoolId], names[r.TargetSchoolId], r.DueOn,
            r.InspectionId is { } i ? dates[i] : null, r.FindingCount, r.Closed, r.Withdrawn)).ToList();
    }

    public async Task<CrossView?> ViewAsync(Guid id, CancellationToken ct = default)
    {
        var a = await db.CrossInspectionAssignments.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (a is null)
        {
            return null;
        }

        var names = await db.Schools.AcrossTenants().Where(s => s.Id == a.InspectorSchoolId || s.Id == a.TargetSchoolId)
            .ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var inspection = a.InspectionId is { } iid ? await db.Inspections.AcrossTenants().AsNoTracking().SingleOrDefaultAsync(i => i.Id == iid, ct) : null;
        var findings = a.InspectionId is { } fid
            ? await db.Hazards.AcrossTenants().AsNoTracking().Where(h => h.InspectionId == fid && h.Source == HazardSource.CrossSchool)
                .OrderBy(h => h.CreatedAt).Select(h => new CrossFinding(h.Place, h.Description, h.Area, h.Grade)).ToListAsync(ct)
            : [];
        return new CrossView(a, names[a.InspectorSchoolId], names[a.TargetSchoolId], inspection, findings);
    }
}
