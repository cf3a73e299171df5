using System.Globalization;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Infrastructure.Excel;
using SafeCampus.Web.Infrastructure.Pdf;

namespace SafeCampus.Web.Features.Hazards;

public static class HazardEndpoints
{
    /// <summary>GET /hazards.xlsx: the ledger with the page's filters, every row; GET /hazards/notices/{id}.pdf: a notice.</summary>
    public static WebApplication MapHazardEndpoints(this WebApplication app)
    {
        app.MapGet("/hazards.xlsx", async (Guid? school, string? area, string? grade, string? state, string? source, string? from, string? to, bool? escalated, Guid? campaign,
                HazardQueries queries, TimeProvider clock, HttpContext http) =>
            {
                var filter = LedgerQuery.Parse(school, area, grade, state, source, from, to, escalated == true, campaign);
                var rows = await queries.AllAsync(filter, http.RequestAborted);
                var bytes = XlsxWriter.Write(LedgerExport.Sheet(rows));
                var name = string.Format(CultureInfo.CurrentCulture, HazardsText.ExportFileName, clock.Today().ToString("yyyyMMdd", CultureInfo.InvariantCulture));
                return Results.File(bytes, XlsxWriter.ContentType, name);
            })
            .RequireAuthorization();

        app.MapGet("/hazards/notices/{id:guid}.pdf", async (Guid id, NoticeDocuments notices, HttpContext http) =>
            {
                try
                {
                    var pdf = await notices.PdfAsync(id, http.RequestAborted);
                    return pdf is null ? Results.NotFound() : Results.File(pdf.Value.Bytes, "application/pdf", pdf.Value.FileName);
                }
                catch (PdfUnavailableException ex)
                {
                    return Results.Text(ex.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
                }
            })
            .RequireAuthorization();
        return app;
    }
}

/// <summary>The ledger as bureaus keep it (隐患台账), one row per hazard.</summary>
public static class LedgerExport
{
    public static readonly string[] Headers =
    [
        HazardsText.ColNo, HazardsText.School, HazardsText.Description, HazardsText.Area, HazardsText.Grade, HazardsText.FoundOn,
        HazardsText.Measures, HazardsText.Responsible, HazardsText.Deadline, HazardsText.ColFunding, HazardsText.State, HazardsText.ColAcceptedBy,
        HazardsText.ColAcceptedAt,
    ];

    public static XlsxSheet Sheet(IReadOnlyList<LedgerRow> rows) =>
        new(HazardsText.LedgerTitle, Headers, rows.Select((r, i) => (IReadOnlyList<object?>)
        [
            i + 1, r.School, $"{r.Place}：{r.Description}", r.Area, HazardLabels.Grade(r.Grade), r.FoundOn, r.Measures ?? "", r.Responsible ?? "",
            r.Deadline, r.FundingNeeded, HazardLabels.State(r.State), r.AcceptedBy ?? "", r.AcceptedAt is { } at ? China.Format(at) : "",
        ]), [6, 28, 50, 16, 8, 12, 40, 10, 12, 12, 14, 10, 18]);
}
