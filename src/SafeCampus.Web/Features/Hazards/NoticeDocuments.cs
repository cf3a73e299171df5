using SafeCampus.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Infrastructure.Pdf;

namespace SafeCampus.Web.Features.Hazards;

public sealed record NoticeFinding(string Place, string Description, string Area, HazardGrade Grade);

/// <summary>What a rectification notice says: the number, the school, the inspection, the findings and the deadline.</summary>
public sealed record NoticeModel(string Number, string Bureau, string School, DateOnly InspectionDate, string Team, DateOnly Deadline, DateOnly IssuedOn,
    IReadOnlyList<NoticeFinding> Findings);

/// <summary>Rectification notices as PDF: the Razor report <see cref="NoticeReport"/> printed by <see cref="PdfReports"/>.</summary>
public sealed class NoticeDocuments(AppDbContext db, PdfReports reports)
{
    public async Task<NoticeModel?> ModelAsync(Guid id, CancellationToken ct = default)
    {
        var n = await db.RectificationNotices.AsNoTracking().Where(x => x.Id == id)
            .Join(db.Inspections, x => x.InspectionId, i => i.Id, (x, i) => new { Notice = x, i.Date, i.Team })
            .SingleOrDefaultAsync(ct);
        if (n is null)
        {
            return null;
        }

        // The issuing bureau lies above the school: its name is read past the tenant filter, by id only.
        var bureau = await db.Bureaus.AcrossTenants().Where(b => b.Id == n.Notice.BureauId).Select(b => b.Name).SingleAsync(ct);
        var school = await db.Schools.Where(s => s.Id == n.Notice.SchoolId).Select(s => s.Name).SingleAsync(ct);
        var findings = await db.Hazards.AsNoTracking().Where(h => h.NoticeId == id).OrderBy(h => h.CreatedAt)
            .Select(h => new NoticeFinding(h.Place, h.Description, h.Area, h.Grade)).ToListAsync(ct);
        return new NoticeModel(n.Notice.Number, bureau, school, n.Date, n.Team, n.Notice.Deadline, n.Notice.IssuedOn, findings);
    }

    public async Task<(byte[] Bytes, string FileName)?> PdfAsync(Guid id, CancellationToken ct = default)
    {
        if (await ModelAsync(id, ct) is not { } model)
        {
            return null;
        }

        var bytes = await reports.RenderAsync<NoticeReport>(new Dictionary<string, object?> { [nameof(NoticeReport.Model)] = model },
            new PdfOptions($"{HazardsText.Notice} {model.Number}"), ct);
        return (bytes, $"{HazardsText.Notice}_{model.Number}.pdf");
    }
}
