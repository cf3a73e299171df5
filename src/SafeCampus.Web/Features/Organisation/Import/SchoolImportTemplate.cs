using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Infrastructure.Excel;

namespace SafeCampus.Web.Features.Organisation.Import;

/// <summary>Import templates: every column of <see cref="ImportColumns"/> and two example rows.</summary>
public static class SchoolImportTemplate
{

    /// <summary>Example rows, in column order. Marked "（示例）" so a forgotten example is easy to spot in the list.</summary>
    public static IReadOnlyList<object?[]> Examples(string county) =>
    [
        ["（示例）城关第三小学", "小学", county, ImportColumns.Public, ImportColumns.No, 1200, 68, 24, "", "城关镇文化路 1 号"],
        ["（示例）阳光幼儿园", "幼儿园", county, ImportColumns.Private, ImportColumns.No, 180, 20, 6, "", "城关镇和平路 2 号"],
    ];

    public static byte[] Csv(string county)
    {
        using var stream = new MemoryStream();
        // UTF-8 with BOM: Excel opens it with the Chinese intact.
        using (var csv = CsvWriter.Create(stream, new CsvWriterOptions { WriteByteOrderMark = true, NewLine = "\r\n" }, leaveOpen: true))
        {
            csv.WriteRecord(ImportColumns.All.Select(c => c.Header).ToArray());
            foreach (var row in Examples(county))
            {
                csv.WriteRecord(row.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "").ToArray());
            }
        }

        return stream.ToArray();
    }

    public static byte[] Xlsx(string county) =>
        XlsxWriter.Write(new XlsxSheet(ImportText.TemplateSheetName, ImportColumns.All.Select(c => c.Header).ToList(),
            Examples(county), [30, .. Enumerable.Repeat(14.0, ImportColumns.All.Count - 2), 30]));
}

public static class SchoolImportEndpoints
{
    /// <summary>GET /org/schools/import/template.xlsx and template.csv (bureau administrators).</summary>
    public static WebApplication MapSchoolImport(this WebApplication app)
    {
        var group = app.MapGroup("/org/schools/import").RequireAuthorization(new AuthorizeAttribute { Roles = Roles.BureauAdmin });
        group.MapGet("/template.xlsx", async (AppDbContext db, CancellationToken ct) =>
            Results.File(SchoolImportTemplate.Xlsx(await ExampleCountyAsync(db, ct)), XlsxWriter.ContentType, ImportText.TemplateFileName + ".xlsx"));
        group.MapGet("/template.csv", async (AppDbContext db, CancellationToken ct) =>
            Results.File(SchoolImportTemplate.Csv(await ExampleCountyAsync(db, ct)), "text/csv; charset=utf-8", ImportText.TemplateFileName + ".csv"));
        return app;
    }

    /// <summary>The short name of the first county in the user's scope, so the examples import as they are.</summary>
    private static async Task<string> ExampleCountyAsync(AppDbContext db, CancellationToken ct) =>
        await db.Bureaus.Where(b => b.Level == BureauLevel.County).OrderBy(b => b.Name)
            .Select(b => b.ShortName ?? b.Name).FirstOrDefaultAsync(ct) ?? "";
}
