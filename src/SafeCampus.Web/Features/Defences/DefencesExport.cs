using System.Globalization;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Infrastructure.Excel;

namespace SafeCampus.Web.Features.Defences;

/// <summary>The statistics table as a worksheet with the screen's two-level header (人防/物防/技防 over the fields).</summary>
public static class DefencesExport
{
    public static XlsxSheet Sheet(DefenceStatisticsTable table)
    {
        var first = table.ByCounty ? DefencesText.County : DefencesText.School;
        var second = table.ByCounty ? DefencesText.ReportedColumn : DefencesText.StateColumn;
        var last = table.ByCounty ? DefencesText.NonCompliantColumn : DefencesText.FailedColumn;
        var headers = new List<string> { first, second };
        headers.AddRange(DefenceFields.All.Select(f => DefenceLabels.ShortField(f.Key)));
        headers.Add(last);
        var groups = new List<XlsxHeaderGroup> { new(null, 1), new(null, 1) };
        groups.AddRange(Enum.GetValues<DefenceGroup>().Select(g => new XlsxHeaderGroup(DefenceLabels.Group(g), DefenceFields.All.Count(f => f.Group == g))));
        groups.Add(new XlsxHeaderGroup(null, 1));

        var rows = new List<IReadOnlyList<object?>>();
        foreach (var group in table.Groups)
        {
            foreach (var row in group.Rows)
            {
                var state = table.ByCounty
                    ? (object)$"{row.Reported}/{row.Schools}"
                    : DefenceLabels.State(row.Reported > 0 ? row.State : null) + (row.Late > 0 ? "·" + DefencesText.Late : "");
                var flags = table.ByCounty ? (object)row.NonCompliant : string.Join("、", DefenceLabels.Failed(row.Failed).Select(DefenceLabels.CheckShort));
                rows.Add(Line(row, state, flags));
            }

            if (group.Subtotal is { } sub)
            {
                rows.Add(Line(sub, $"{sub.Reported}/{sub.Schools}", sub.NonCompliant));
            }
        }

        rows.Add(Line(table.Total, $"{table.Total.Reported}/{table.Total.Schools}", table.Total.NonCompliant));
        var widths = new List<double> { 28, 12 };
        widths.AddRange(DefenceFields.All.Select(_ => 9.0));
        widths.Add(18);
        var name = string.Format(CultureInfo.CurrentCulture, DefencesText.MonthLabel, table.Month.Year, table.Month.Month);
        return new XlsxSheet(name, headers, rows, widths, groups);
    }

    private static List<object?> Line(DefenceStatRow row, object? second, object? last)
    {
        var values = new List<object?> { row.Name, second };
        // Written as numbers without trailing zeros (4, not 4.00; 2.5 for a wall).
        values.AddRange(DefenceFields.All.Select(f => row.Value(f.Key) is { } v ? (object?)(v / 1.000000000000000000000000000000000m) : null));
        values.Add(last);
        return values;
    }

    public static WebApplication MapDefencesExport(this WebApplication app)
    {
        app.MapGet("/defences/statistics.xlsx", async (Guid? bureau, string? month, DefenceStatistics statistics,
                SafeCampus.Web.Tenancy.TenantScope scope, TimeProvider clock, HttpContext http) =>
            {
                var m = DefenceMonths.Parse(month) ?? DefenceMonths.Current(clock);
                if ((bureau ?? scope.BureauId) is not { } id || await statistics.BuildAsync(id, m, http.RequestAborted) is not { } table)
                {
                    return Results.NotFound();
                }

                var bytes = XlsxWriter.Write(Sheet(table));
                return Results.File(bytes, XlsxWriter.ContentType,
                    string.Format(CultureInfo.CurrentCulture, DefencesText.ExcelFileName, table.BureauName, DefenceMonths.Key(m)));
            })
            .RequireAuthorization(p => p.RequireRole(Roles.BureauAdmin, Roles.BureauSafetyOfficer));
        return app;
    }
}
