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
