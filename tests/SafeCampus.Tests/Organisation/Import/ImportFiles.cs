using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SafeCampus.Tests.Organisation.Import;

/// <summary>A cell written as an inline string rather than a shared string.</summary>
public sealed record Inline(string Text);

/// <summary>Builds import files the way spreadsheet programs write them.</summary>
public static class ImportFiles
{
    public const string Header = "学校名称,学校类型,办学性质,是否寄宿,学生数,教职工数,班级数,安全小区,地址";

    /// <summary>
    /// An .xlsx whose first worksheet holds the rows, numbered from 1: a null row leaves that row blank. Strings are
    /// shared strings (as Excel writes them), <see cref="Inline"/> values inline strings, ints and doubles numbers,
    /// null cells are left out. A second sheet with unrelated content checks that only the first is read.
    /// </summary>
    public static byte[] Xlsx(params object?[]?[] rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var strings = new List<string>();
            // The notes sheet is created first, so part order and sheet order differ.
            var notes = AddSheet(workbook, [["说明", "请勿修改"]], strings);
            var data = AddSheet(workbook, rows, strings);
            var sst = workbook.AddNewPart<SharedStringTablePart>();
            sst.SharedStringTable = new SharedStringTable(strings.Select(s => new SharedStringItem(new Text(s))));
            workbook.Workbook.AppendChild(new Sheets(
                new Sheet { Id = workbook.GetIdOfPart(data), SheetId = 1, Name = "学校" },
                new Sheet { Id = workbook.GetIdOfPart(notes), SheetId = 2, Name = "说明" }));
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static WorksheetPart AddSheet(WorkbookPart workbook, object?[]?[] rows, List<string> strings)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var sheetData = new SheetData();
        for (var r = 0; r < rows.Length; r++)
        {
            if (rows[r] is not { } values)
            {
                continue;
            }

            var row = new Row { RowIndex = (uint)(r + 1) };
            for (var c = 0; c < values.Length; c++)
            {
                var reference = $"{(char)('A' + c)}{r + 1}";
                switch (values[c])
                {
                    case null:
                        break;
                    case int n:
                        row.Append(new Cell { CellReference = reference, CellValue = new CellValue(n) });
                        break;
                    case double d:
                        row.Append(new Cell { CellReference = reference, CellValue = new CellValue(d) });
                        break;
                    case Inline inline:
                        row.Append(new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(inline.Text)) });
                        break;
                    default:
                        var text = Convert.ToString(values[c], CultureInfo.InvariantCulture)!;
                        var index = strings.IndexOf(text);
                        if (index < 0)
                        {
                            strings.Add(text);
                            index = strings.Count - 1;
                        }

                        row.Append(new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(index) });
                        break;
                }
            }

            sheetData.Append(row);
        }

        part.Worksheet = new Worksheet(sheetData);
        return part;
    }

    public static byte[] Utf8(string csv, bool bom) =>
        (bom ? Encoding.UTF8.GetPreamble() : []).Concat(Encoding.UTF8.GetBytes(csv)).ToArray();

    public static byte[] Gbk(string csv)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030").GetBytes(csv);
    }

    /// <summary>A CSV of n good rows for 青山县, names "{prefix}{i}".</summary>
    public static string ManyRows(string prefix, int n)
    {
        var b = new StringBuilder(Header).Append("\r\n");
        for (var i = 1; i <= n; i++)
        {
            b.Append(CultureInfo.InvariantCulture, $"{prefix}{i:D5},小学,公办,否,{i % 3000},{i % 200},{i % 60},,测试路 {i} 号\r\n");
        }

        return b.ToString();
    }
}
