using System.Globalization;
using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SafeCampus.Web.Features.Organisation.Import;

/// <summary>One non-blank row: its number as the spreadsheet program shows it, and its cells by column (0 = A).</summary>
public sealed record SheetRow(int Number, string[] Cells)
{
    public string Cell(int index) => index < Cells.Length ? Cells[index] : "";
}

/// <summary>Rows of the first worksheet of an .xlsx or of a .csv, or the reason the file cannot be read.</summary>
public sealed record SheetContent(IReadOnlyList<SheetRow> Rows, bool TooManyRows, string? Error)
{
    public static SheetContent Failed(string error) => new([], false, error);
}

/// <summary>
/// Reads uploaded tables. The format is decided by the bytes, never by the file name: an .xlsx is a zip package
/// ("PK\x03\x04"); text is read as CSV (UTF-8 with or without BOM, UTF-16 with BOM, otherwise GB18030, which is
/// what Excel in China writes for "CSV (逗号分隔)"); anything else is refused. Blank rows are skipped, cell text
/// is trimmed, and reading stops once more than maxRows rows follow the first.
/// </summary>
public static class SpreadsheetReader
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Encoding Gb18030 = LoadGb18030();

    /// <summary>Cells right of column IV are ignored, so a stray cell at XFD1 cannot make every row 16,384 wide.</summary>
    private const int MaxColumns = 256;

    public static SheetContent Read(byte[] bytes, int maxRows)
    {
        if (bytes.Length == 0)
        {
            return SheetContent.Failed(ImportText.FileEmpty);
        }

        var head = bytes.AsSpan(0, Math.Min(bytes.Length, 8192));
        if (head.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04]))
        {
            return ReadXlsx(bytes, maxRows);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            return SheetContent.Failed(ImportText.OldExcelFormat);
        }

        var text = Decode(bytes);
        return text is null ? SheetContent.Failed(ImportText.NotASpreadsheet) : ReadCsv(text, maxRows);
    }

    /// <summary>The text of a CSV file, or null when the bytes are not text (images, PDFs, executables ...).</summary>
    internal static string? Decode(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        }

        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        }

        var start = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        // Text files have no control bytes but tab, line feed and carriage return; binary formats almost always do
        // within their first few kilobytes. Checked on the raw bytes: GB18030 never uses bytes below 0x20 in a
        // multi-byte sequence, UTF-8 never does either.
        foreach (var b in bytes.AsSpan(start, Math.Min(bytes.Length - start, 8192)))
        {
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r') || b == 0x7F)
            {
                return null;
            }
        }

        try
        {
            return StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException)
        {
            return Gb18030.GetString(bytes);
        }
    }

    private static Encoding LoadGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }

    private static SheetContent ReadCsv(string text, int maxRows)
    {
        var options = new CsvReaderOptions
        {
            HasHeader = false,
            Separator = null, // detected: Excel writes ",", "Unicode text" uses tabs, some locales ";".
            // Blank lines are kept as (empty) records, so RowNumber is the row Excel shows for the same file.
            SkipEmptyLines = false,
            TrimWhitespace = true,
            MaxRecordSize = 1024 * 1024,
        };
        var rows = new List<SheetRow>();
        try
        {
            using var reader = CsvReader.FromText(text, options);
            while (reader.Read())
            {
                var cells = new string[Math.Min(reader.FieldCount, MaxColumns)];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = reader.GetString(i).Trim();
                }

                if (cells.All(c => c.Length == 0))
                {
                    continue;
                }

                rows.Add(new SheetRow((int)reader.RowNumber, cells));
                if (rows.Count > maxRows + 1)
                {
                    return new SheetContent(rows, true, null);
                }
            }
        }
        catch (CsvFormatException)
        {
            return SheetContent.Failed(ImportText.NotASpreadsheet);
        }

        return rows.Count == 0 ? SheetContent.Failed(ImportText.FileEmpty) : new SheetContent(rows, false, null);
    }

    private static SheetContent ReadXlsx(byte[] bytes, int maxRows)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var document = SpreadsheetDocument.Open(stream, isEditable: false);
            var workbook = document.WorkbookPart;
            if (workbook?.Workbook is null)
            {
                // A zip, or another Office package (.docx, .pptx), but not a workbook.
                return SheetContent.Failed(ImportText.InvalidXlsx);
            }

            var firstSheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault();
            if (firstSheet?.Id?.Value is not { } partId || workbook.GetPartById(partId) is not WorksheetPart sheet)
            {
                return SheetContent.Failed(ImportText.NoWorksheet);
            }

            var strings = ReadSharedStrings(workbook.SharedStringTablePart);
            var rows = new List<SheetRow>();
            var nextRow = 1;
            // Streamed: a 10 MB package can expand to a lot of XML; rows are materialised one at a time.
            using var reader = OpenXmlReader.Create(sheet);
            while (reader.Read())
            {
                if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
                {
                    continue;
                }

                var row = (Row)reader.LoadCurrentElement()!;
                var number = row.RowIndex?.Value is { } r ? (int)r : nextRow;
                nextRow = number + 1;
                var cells = ReadCells(row, strings);
                if (cells.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                rows.Add(new SheetRow(number, cells));
                if (rows.Count > maxRows + 1)
                {
                    return new SheetContent(rows, true, null);
                }
            }

            return rows.Count == 0 ? SheetContent.Failed(ImportText.FileEmpty) : new SheetContent(rows, false, null);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or FileFormatException or InvalidDataException
                                       or InvalidOperationException or System.Xml.XmlException or ArgumentException)
        {
            return SheetContent.Failed(ImportText.InvalidXlsx);
        }
    }

    private static List<string> ReadSharedStrings(SharedStringTablePart? part)
    {
        var list = new List<string>();
        if (part is null)
        {
            return list;
        }

        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                list.Add(RichText((SharedStringItem)reader.LoadCurrentElement()!));
            }
        }

        return list;
    }

    /// <summary>Plain text of a shared or inline string: the text or the runs, without phonetic guides (rPh).</summary>
    private static string RichText(OpenXmlCompositeElement item) =>
        item.GetFirstChild<Text>() is { } t ? t.Text : string.Concat(item.Elements<Run>().Select(r => r.Text?.Text));

    private static string[] ReadCells(Row row, List<string> strings)
    {
        var values = new List<string>();
        var next = 0;
        foreach (var cell in row.Elements<Cell>())
        {
            var index = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : next;
            next = index + 1;
            if (index >= MaxColumns)
            {
                continue;
            }

            while (values.Count <= index)
            {
                values.Add("");
            }

            values[index] = CellText(cell, strings).Trim();
        }

        return values.ToArray();
    }

    private static string CellText(Cell cell, List<string> strings)
    {
        var raw = cell.CellValue?.Text ?? "";
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < strings.Count ? strings[i] : "";
        }

        if (type == CellValues.InlineString)
        {
            return cell.InlineString is { } inline ? RichText(inline) : raw;
        }

        if (type == CellValues.Boolean)
        {
            return raw == "1" ? "TRUE" : "FALSE";
        }

        return raw;
    }

    /// <summary>"AB12" → 27 (zero-based column of the reference).</summary>
    internal static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z')
            {
                index = (index * 26) + (c - 'A' + 1);
            }
            else if (c is >= 'a' and <= 'z')
            {
                index = (index * 26) + (c - 'a' + 1);
            }
            else
            {
                break;
            }
        }

        return Math.Max(index - 1, 0);
    }
}
