using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Organisation.Import;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Bench;

/// <summary>One generated school, as a row of an import file or a row written directly.</summary>
public sealed record SchoolSeed(
    string Name, SchoolKind Kind, string KindWord, bool IsPrivate, bool IsBoarding, int Students, int Staff, int Classes,
    int? District, string Address);

/// <summary>A county the benchmark made: its id, path (tenant scope), short name and safety districts.</summary>
public sealed record BenchCounty(Guid Id, string Path, string Name, string ShortName, IReadOnlyList<string> Districts);

/// <summary>
/// Generated schools (deterministic, realistic spread of kinds and sizes) and the data the runs need: the demo city
/// grown to 10 counties of 300 schools (3,000), and a separate benchmark city for the imports and the large counties,
/// so the demo city's users see exactly 3,000 schools.
/// </summary>
public static class BenchData
{
    /// <summary>The name filter of the list runs: "镇" (town), in 12 of the 20 town names, so 60 % of schools match.</summary>
    public const string TownFilter = "镇";

    public const int CountySize = 300;

    private static readonly string[] Towns =
    [
        "城关镇", "东湖镇", "西岭乡", "柳溪镇", "白沙镇", "北山乡", "桃源街道", "凤鸣街道", "南湖镇", "青石镇",
        "金桥镇", "石门乡", "花溪镇", "龙泉镇", "松林乡", "新河街道", "河口镇", "梅岭镇", "长乐乡", "古城镇",
    ];

    private static readonly string[] Districts = ["城区片区", "东部片区", "西部片区"];

    /// <summary>Kindergartens and primary schools are the most numerous, as in any county.</summary>
    private static readonly (SchoolKind Kind, string Word)[] KindMix =
    [
        (SchoolKind.Kindergarten, "幼儿园"), (SchoolKind.Kindergarten, "幼儿园"), (SchoolKind.Kindergarten, "幼儿园"),
        (SchoolKind.Kindergarten, "幼儿园"), (SchoolKind.Primary, "小学"), (SchoolKind.Primary, "小学"),
        (SchoolKind.Primary, "小学"), (SchoolKind.Junior, "初中"), (SchoolKind.NineYear, "九年一贯制"),
        (SchoolKind.Senior, "高中"),
    ];

    public static List<SchoolSeed> Generate(string prefix, int count, int seed)
    {
        var random = new Random(seed);
        var schools = new List<SchoolSeed>(count);
        for (var i = 0; i < count; i++)
        {
            var town = Towns[i % Towns.Length];
            var (kind, word) = i % 40 == 39 ? (SchoolKind.Vocational, "职业学校") : KindMix[i % KindMix.Length];
            var students = kind switch
            {
                SchoolKind.Kindergarten => random.Next(60, 450),
                SchoolKind.Primary => random.Next(200, 2600),
                SchoolKind.Junior => random.Next(400, 2200),
                SchoolKind.Senior => random.Next(800, 3200),
                SchoolKind.NineYear => random.Next(300, 1500),
                _ => random.Next(500, 2000),
            };
            var perClass = kind == SchoolKind.Kindergarten ? 30 : 45;
            var boarding = kind is SchoolKind.Senior or SchoolKind.Vocational or SchoolKind.NineYear && random.Next(2) == 0;
            schools.Add(new SchoolSeed(
                $"{prefix}{town}第{i + 1}{word}", kind, word, random.Next(8) == 0, boarding, students,
                (students / (kind == SchoolKind.Kindergarten ? 9 : 14)) + random.Next(3, 12), (students / perClass) + 1,
                i % 4 == 3 ? null : i % Districts.Length, $"{town}学府路 {i + 1} 号"));
        }

        return schools;
    }

    /// <summary>The demo city grown to 10 counties of <see cref="CountySize"/> schools each (3,000 in all): the two
    /// demo counties topped up, eight more added.</summary>
    public static async Task BuildDemoCityAsync(BenchApp app, CancellationToken ct)
    {
        Guid cityId;
        List<(Guid Id, string Short, int Schools)> demoCounties;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            using var _ = scope.ServiceProvider.GetRequiredService<TenantScope>().EnterSystem("bench");
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            cityId = await db.Bureaus.Where(b => b.Level == BureauLevel.City).Select(b => b.Id).SingleAsync(ct);
            demoCounties = (await db.Bureaus.Where(b => b.ParentId == cityId).OrderBy(b => b.Name)
                .Select(b => new { b.Id, b.ShortName, Schools = db.Schools.Count(s => s.BureauId == b.Id) }).ToListAsync(ct))
                .Select(b => (b.Id, b.ShortName ?? "", b.Schools)).ToList();
        }

        for (var i = 0; i < demoCounties.Count; i++)
        {
            await AddSchoolsAsync(app, demoCounties[i].Id, demoCounties[i].Short, CountySize - demoCounties[i].Schools, seed: 100 + i, ct);
        }

        var extra = 10 - demoCounties.Count;
        for (var i = 0; i < extra; i++)
        {
            var shortName = $"临江{"甲乙丙丁戊己庚辛"[i]}区";
            var county = await AddCountyAsync(app, cityId, shortName, ct);
            await AddSchoolsAsync(app, county.Id, shortName, CountySize, seed: 200 + i, ct);
        }
    }

    /// <summary>A second city for the import runs and the 1,000- and 10,000-school counties.</summary>
    public static async Task<Guid> AddBenchCityAsync(BenchApp app, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        using var _ = scope.ServiceProvider.GetRequiredService<TenantScope>().EnterSystem("bench");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var city = Bureau.CreateCity("基准测试市教育局", "基准测试市", DateTimeOffset.UtcNow);
        db.Bureaus.Add(city);
        await db.SaveChangesAsync(ct);
        return city.Id;
    }

    /// <summary>A county bureau "{shortName}教育局" under the city, with three safety districts.</summary>
    public static async Task<BenchCounty> AddCountyAsync(BenchApp app, Guid cityId, string shortName, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        using var _ = scope.ServiceProvider.GetRequiredService<TenantScope>().EnterSystem("bench");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var city = await db.Bureaus.SingleAsync(b => b.Id == cityId, ct);
        var county = city.CreateChild($"{shortName}教育局", shortName, DateTimeOffset.UtcNow);
        db.Bureaus.Add(county);
        db.SafetyDistricts.AddRange(Districts.Select(d => SafetyDistrict.Create(county, d)));
        await db.SaveChangesAsync(ct);
        return new BenchCounty(county.Id, county.Path, county.Name, shortName, Districts);
    }

    /// <summary>Writes generated schools straight into a county (system scope, in batches), as an import would.</summary>
    public static async Task AddSchoolsAsync(BenchApp app, Guid countyId, string prefix, int total, int seed, CancellationToken ct)
    {
        const int Batch = 2_500;
        var seeds = Generate(prefix, total, seed);
        for (var start = 0; start < seeds.Count; start += Batch)
        {
            await using var scope = app.Services.CreateAsyncScope();
            using var _ = scope.ServiceProvider.GetRequiredService<TenantScope>().EnterSystem("bench");
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var county = await db.Bureaus.SingleAsync(b => b.Id == countyId, ct);
            var districts = await db.SafetyDistricts.Where(d => d.BureauId == countyId).OrderBy(d => d.Name).ToListAsync(ct);
            var now = DateTimeOffset.UtcNow;
            foreach (var s in seeds.Skip(start).Take(Batch))
            {
                var school = School.Create(county, new SchoolDetails(s.Name, s.Kind, s.IsPrivate, s.IsBoarding, s.Students, s.Staff, s.Classes, s.Address), now);
                school.AssignDistrict(s.District is { } d && districts.Count > 0 ? districts[d % districts.Count] : null);
                db.Schools.Add(school);
            }

            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Fresh planner statistics, as autovacuum would have them some time after a bulk load.</summary>
    public static async Task AnalyseAsync(string connectionString, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("ANALYZE", conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public static async Task<long> CountSchoolsAsync(string connectionString, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM \"Schools\"", conn);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The value of one import column for a school, as a person would type it.</summary>
    private static object Cell(ImportColumn column, SchoolSeed s, BenchCounty county) => column switch
    {
        ImportColumn.Name => s.Name,
        ImportColumn.Kind => s.KindWord,
        ImportColumn.County => county.ShortName,
        ImportColumn.Nature => s.IsPrivate ? ImportColumns.Private : ImportColumns.Public,
        ImportColumn.Boarding => s.IsBoarding ? ImportColumns.Yes : ImportColumns.No,
        ImportColumn.Students => s.Students,
        ImportColumn.Staff => s.Staff,
        ImportColumn.Classes => s.Classes,
        ImportColumn.District => s.District is { } d ? county.Districts[d] : "",
        ImportColumn.Address => s.Address,
        _ => "",
    };

    /// <summary>A CSV as Excel's "CSV UTF-8" writes it: BOM, CRLF, every template column.</summary>
    public static byte[] Csv(IEnumerable<SchoolSeed> schools, BenchCounty county)
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', ImportColumns.All.Select(c => c.Header))).Append("\r\n");
        foreach (var s in schools)
        {
            text.Append(string.Join(',', ImportColumns.All.Select(c => Convert.ToString(Cell(c.Column, s, county), CultureInfo.InvariantCulture)))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>An .xlsx as Excel writes it: text in the shared string table, numbers as numbers.</summary>
    public static byte[] Xlsx(IEnumerable<SchoolSeed> schools, BenchCounty county)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var strings = new Dictionary<string, int>(StringComparer.Ordinal);
            var sheetData = new SheetData();
            var rows = schools.Select(s => ImportColumns.All.Select(c => Cell(c.Column, s, county)).ToArray())
                .Prepend(ImportColumns.All.Select(c => (object)c.Header).ToArray());
            uint number = 1;
            foreach (var values in rows)
            {
                var row = new Row { RowIndex = number };
                for (var c = 0; c < values.Length; c++)
                {
                    var reference = $"{(char)('A' + c)}{number}";
                    if (values[c] is int n)
                    {
                        row.Append(new Cell { CellReference = reference, CellValue = new CellValue(n) });
                    }
                    else if (values[c] is string { Length: > 0 } text)
                    {
                        if (!strings.TryGetValue(text, out var index))
                        {
                            index = strings.Count;
                            strings.Add(text, index);
                        }

                        row.Append(new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(index) });
                    }
                }

                sheetData.Append(row);
                number++;
            }

            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            sheetPart.Worksheet = new Worksheet(sheetData);
            var sst = workbook.AddNewPart<SharedStringTablePart>();
            sst.SharedStringTable = new SharedStringTable(strings.OrderBy(s => s.Value).Select(s => new SharedStringItem(new Text(s.Key))));
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "学校" }));
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }
}
