using System.Globalization;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Features.Organisation.Import;

/// <summary>Import templates: every column of <see cref="ImportColumns"/> and two example rows.</summary>
public static class SchoolImportTemplate
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Example rows, in column order. Marked "（示例）" so a forgotten example is easy to spot in the list.</summary>
    public static IReadOnlyList<object[]> Examples(string county) =>
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
        BuildXlsx(ImportText.TemplateSheetName, ImportColumns.All.Select(c => (object)c.Header).ToArray(), Examples(county));

    /// <summary>A one-sheet workbook: strings as inline strings, numbers as numbers. Also used by the tests.</summary>
    public static byte[] BuildXlsx(string sheetName, object[] header, IEnumerable<object[]> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            uint number = 1;
            foreach (var values in rows.Prepend(header))
            {
                var row = new Row { RowIndex = number };
                for (var i = 0; i < values.Length; i++)
                {
                    var reference = $"{ColumnLetters(i)}{number}";
                    row.Append(values[i] switch
                    {
                        int n => new Cell { CellReference = reference, CellValue = new CellValue(n) },
                        _ => new Cell
                        {
                            CellReference = reference, DataType = CellValues.InlineString,
                            InlineString = new InlineString(new Text(Convert.ToString(values[i], CultureInfo.InvariantCulture) ?? "")),
                        },
                    });
                }

                data.Append(row);
                number++;
            }

            var columns = new Columns(Enumerable.Range(1, header.Length)
                .Select(i => new Column { Min = (uint)i, Max = (uint)i, Width = i == 1 || i == header.Length ? 30 : 14, CustomWidth = true }));
            sheetPart.Worksheet = new Worksheet(columns, data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName }));
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static string ColumnLetters(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }
}

public static class SchoolImportEndpoints
{
    /// <summary>GET /org/schools/import/template.xlsx and template.csv (bureau administrators).</summary>
    public static WebApplication MapSchoolImport(this WebApplication app)
    {
        var group = app.MapGroup("/org/schools/import").RequireAuthorization(new AuthorizeAttribute { Roles = Roles.BureauAdmin });
        group.MapGet("/template.xlsx", async (AppDbContext db, CancellationToken ct) =>
            Results.File(SchoolImportTemplate.Xlsx(await ExampleCountyAsync(db, ct)), SchoolImportTemplate.XlsxContentType, ImportText.TemplateFileName + ".xlsx"));
        group.MapGet("/template.csv", async (AppDbContext db, CancellationToken ct) =>
            Results.File(SchoolImportTemplate.Csv(await ExampleCountyAsync(db, ct)), "text/csv; charset=utf-8", ImportText.TemplateFileName + ".csv"));
        return app;
    }

    /// <summary>The short name of the first county in the user's scope, so the examples import as they are.</summary>
    private static async Task<string> ExampleCountyAsync(AppDbContext db, CancellationToken ct) =>
        await db.Bureaus.Where(b => b.Level == BureauLevel.County).OrderBy(b => b.Name)
            .Select(b => b.ShortName ?? b.Name).FirstOrDefaultAsync(ct) ?? "";
}
