using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SafeCampus.Web.Infrastructure.Excel;

/// <summary>
/// One worksheet: a bold, frozen header row and data rows. Cells may be strings, numbers (int, long, decimal,
/// double), <see cref="DateOnly"/> (written as yyyy-MM-dd text, as the screens show dates) or null (empty).
/// </summary>
public sealed record XlsxSheet(string Name, IReadOnlyList<string> Headers, IEnumerable<IReadOnlyList<object?>> Rows, IReadOnlyList<double>? Widths = null,
    IReadOnlyList<XlsxHeaderGroup>? Groups = null);

/// <summary>
/// A cell of an upper header row spanning <see cref="Span"/> columns (merged). With a null title the columns below
/// have no group: their header cells are merged over both rows. Groups cover the columns in order.
/// </summary>
public sealed record XlsxHeaderGroup(string? Title, int Span);

/// <summary>
/// Writes .xlsx workbooks with the Open XML SDK: exports "with the same columns the screen shows". Strings are written
/// inline (no shared-string table), which every spreadsheet program reads.
/// </summary>
public static class XlsxWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Write(params XlsxSheet[] sheets)
    {
        using var stream = new MemoryStream();
        Write(stream, sheets);
        return stream.ToArray();
    }

    public static void Write(Stream stream, IReadOnlyList<XlsxSheet> sheets)
    {
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Stylesheet();
        var sheetList = workbookPart.Workbook.AppendChild(new Sheets());
        uint sheetId = 1;
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var sheet in sheets)
        {
            var part = workbookPart.AddNewPart<WorksheetPart>();
            part.Worksheet = Worksheet(sheet);
            var name = UniqueName(SheetName(sheet.Name), names);
            sheetList.Append(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = sheetId++, Name = name });
        }

        workbookPart.Workbook.Save();
    }

    private static Worksheet Worksheet(XlsxSheet sheet)
    {
        var worksheet = new Worksheet();
        var view = new SheetView { WorkbookViewId = 0 };
        var headerRows = sheet.Groups is { Count: > 0 } ? 2u : 1u;
        view.Append(new Pane { VerticalSplit = headerRows, TopLeftCell = $"A{headerRows + 1}", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen });
        worksheet.Append(new SheetViews(view));
        if (sheet.Widths is { Count: > 0 } widths)
        {
            var columns = new Columns();
            for (var i = 0; i < widths.Count; i++)
            {
                columns.Append(new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = widths[i], CustomWidth = true });
            }

            worksheet.Append(columns);
        }

        var data = new SheetData();
        var merges = new MergeCells();
        if (headerRows == 2)
        {
            var top = new Row { RowIndex = 1 };
            var column = 0;
            foreach (var group in sheet.Groups!)
            {
                var span = Math.Max(1, group.Span);
                var cell = TextCell(group.Title ?? sheet.Headers[column], column, 1);
                cell.StyleIndex = 1;
                top.Append(cell);
                if (group.Title is null)
                {
                    merges.Append(new MergeCell { Reference = $"{Reference(column, 1)}:{Reference(column + span - 1, 2)}" });
                }
                else if (span > 1)
                {
                    merges.Append(new MergeCell { Reference = $"{Reference(column, 1)}:{Reference(column + span - 1, 1)}" });
                }

                column += span;
            }

            data.Append(top);
        }

        var header = new Row { RowIndex = headerRows };
        for (var i = 0; i < sheet.Headers.Count; i++)
        {
            var cell = TextCell(sheet.Headers[i], i, headerRows);
            cell.StyleIndex = 1;
            header.Append(cell);
        }

        data.Append(header);
        uint r = headerRows + 1;
        foreach (var values in sheet.Rows)
        {
            var row = new Row { RowIndex = r };
            for (var i = 0; i < values.Count; i++)
            {
                if (ValueCell(values[i], i, r) is { } cell)
                {
                    row.Append(cell);
                }
            }

            data.Append(row);
            r++;
        }

        worksheet.Append(data);
        if (merges.HasChildren)
        {
            worksheet.Append(merges);
        }

        return worksheet;
    }

    private static Cell? ValueCell(object? value, int column, uint row) => value switch
    {
        null => null,
        string s => TextCell(s, column, row),
        DateOnly d => TextCell(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), column, row),
        int or long or short or decimal or double or float => new Cell
        {
            CellReference = Reference(column, row),
            DataType = CellValues.Number,
            CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!),
        },
        _ => TextCell(Convert.ToString(value, CultureInfo.CurrentCulture) ?? "", column, row),
    };

    private static Cell TextCell(string text, int column, uint row) => new(new InlineString(new Text(Clean(text)) { Space = SpaceProcessingModeValues.Preserve }))
    {
        CellReference = Reference(column, row),
        DataType = CellValues.InlineString,
    };

    /// <summary>A1-style reference: column 0 → "A", 26 → "AA".</summary>
    public static string Reference(int column, uint row)
    {
        var name = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + (n - 1) % 26) + name;
        }

        return name + row.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>XML 1.0 cannot carry most control characters; drop them rather than write a broken file.</summary>
    private static string Clean(string text) =>
        text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')) ? new string(text.Where(c => !char.IsControl(c) || c is '\t' or '\n' or '\r').ToArray()) : text;

    private static string SheetName(string name)
    {
        var cleaned = new string(name.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\')).ToArray()).Trim('\'', ' ');
        if (cleaned.Length == 0)
        {
            cleaned = "Sheet";
        }

        return cleaned.Length > 31 ? cleaned[..31] : cleaned;
    }

    private static string UniqueName(string name, HashSet<string> taken)
    {
        var candidate = name;
        for (var i = 2; !taken.Add(candidate); i++)
        {
            var suffix = $" ({i})";
            candidate = (name.Length + suffix.Length > 31 ? name[..(31 - suffix.Length)] : name) + suffix;
        }

        return candidate;
    }

    private static Stylesheet Stylesheet() => new(
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "等线" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "等线" })) { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellFormats(
            new CellFormat { FontId = 0, FillId = 0, BorderId = 0 },
            new CellFormat { FontId = 1, FillId = 0, BorderId = 0, ApplyFont = true }) { Count = 2 });
}
