using System.Globalization;
using SafeCampus.Web.Components.Shared;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Infrastructure.Excel;

namespace SafeCampus.Web.Features.Drills.Bureau;

public static class DrillsBureauEndpoints
{
    /// <summary>GET /drills/compliance.xlsx: the compliance matrix with the page's filters, every row (no paging).</summary>
    public static WebApplication MapDrillsBureau(this WebApplication app)
    {
        app.MapGet("/drills/compliance.xlsx", async (int? year, Guid? district, string? kind, string? state,
                DrillComplianceReport report, TimeProvider clock, HttpContext http) =>
            {
                var query = MatrixQueryString.Parse(year, district, kind, state, page: null, clock.Today(), pageSize: 0);
                var matrix = await report.BuildAsync(query, http.RequestAborted);
                var bytes = XlsxWriter.Write(ComplianceExport.Sheet(matrix));
                var name = string.Format(CultureInfo.CurrentCulture, DrillsBureauText.ExportFileName, matrix.Year);
                return Results.File(bytes, XlsxWriter.ContentType, name);
            })
            .RequireAuthorization(p => p.RequireRole(Roles.BureauAdmin, Roles.BureauSafetyOfficer));
        return app;
    }
}

/// <summary>The matrix as a worksheet: the screen's columns (and the county, for a city), state words in the cells.</summary>
public static class ComplianceExport
{
    public static XlsxSheet Sheet(ComplianceMatrix matrix)
    {
        var c = CultureInfo.CurrentCulture;
        var headers = new List<string> { DrillsBureauText.School };
        if (matrix.GroupByCounty)
        {
            headers.Add(DrillsBureauText.County);
        }

        headers.AddRange([DrillsBureauText.SchoolKind, DrillsBureauText.District]);
        headers.AddRange(Enumerable.Range(1, 12).Select(m => string.Format(c, DrillsBureauText.PeriodMonth, matrix.Year, m)));
        headers.AddRange(matrix.Extras.Select(col => col.Period == DrillPeriod.Semester
            ? string.Format(c, DrillsBureauText.ExportSemesterColumn, DrillLabels.Period(matrix.Semester), col.Label)
            : string.Format(c, DrillsBureauText.ExportYearColumn, matrix.Year, col.Label)));

        var rows = matrix.Rows.Select(r =>
        {
            var values = new List<object?> { r.Name };
            if (matrix.GroupByCounty)
            {
                values.Add(r.County);
            }

            values.Add(RoleNames.Of(r.Kind) + (r.IsBoarding ? DrillsBureauText.BoardingSuffix : ""));
            values.Add(r.District ?? "");
            values.AddRange(r.Months.Concat(r.Extras).Select(cell => (object?)(cell.State is { } s ? DrillLabels.State(s) : DrillsBureauText.NoRequirement)));
            return (IReadOnlyList<object?>)values;
        });

        var widths = new List<double> { 30 };
        if (matrix.GroupByCounty)
        {
            widths.Add(16);
        }

        widths.AddRange([14, 12]);
        widths.AddRange(Enumerable.Repeat(12.0, 12 + matrix.Extras.Count));
        return new XlsxSheet(string.Format(c, DrillsBureauText.ExportSheetName, matrix.Year), headers, rows, widths);
    }
}
