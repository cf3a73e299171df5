using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Organisation.Import;
using SafeCampus.Web.Tenancy;
using Xunit.Abstractions;

namespace SafeCampus.Tests.Organisation.Import;

/// <summary>The importer on the demo city. Each test uses its own name prefix, so tests do not see each other's schools.</summary>
public sealed class SchoolImportShould(SchoolImportShould.Fixture app, ITestOutputHelper output) : IClassFixture<SchoolImportShould.Fixture>
{
    public sealed class Fixture : DemoAppFactory;

    private const string CityHeader = "学校名称,学校类型,所属教育局,办学性质,是否寄宿,学生数,教职工数,班级数";

    [Fact]
    public async Task ImportAGoodXlsxFileWithSharedInlineAndNumericCells()
    {
        var file = ImportFiles.Xlsx(
            ["地址", "学校名称", "学生数", "学校类型", "办学性质", "是否寄宿", "教职工数", "班级数", "安全小区"],
            [new Inline("城南路 1 号"), "XA城南小学", 1200, "小学", "公办", "否", "68", 24.0, "东湖片区"],
            [null, "XA阳光幼儿园", "180", new Inline("幼儿园"), "民办", "是", 20, 6, null]);

        var result = await ImportAsync("qs.admin", file);

        Assert.True(result.Succeeded, Describe(result));
        Assert.Equal(2, result.Created);
        var schools = await SchoolsAsync("XA");
        Assert.Equal(
        [
            new("XA城南小学", "青山县教育局", SchoolKind.Primary, false, false, 1200, 68, 24, "东湖片区", "城南路 1 号"),
            new("XA阳光幼儿园", "青山县教育局", SchoolKind.Kindergarten, true, true, 180, 20, 6, null, null),
        ], schools);
    }

    [Fact]
    public async Task ImportAGoodCsvFileWithOrWithoutByteOrderMark()
    {
        var withBom = ImportFiles.Utf8($"{CityHeader}\r\nXB青山新城小学,小学,青山县,公办,否,800,50,18\r\nXB云溪新区初中,初级中学,云溪区教育局,民办,是,600,45,12\r\n", bom: true);
        var withoutBom = ImportFiles.Utf8($"{CityHeader}\nXB云溪第二高中,高中,云溪区,公办,是,1500,120,30\n", bom: false);

        var first = await ImportAsync("city.admin", withBom);
        var second = await ImportAsync("city.admin", withoutBom);

        Assert.True(first.Succeeded, Describe(first));
        Assert.True(second.Succeeded, Describe(second));
        Assert.Equal(
        [
            new("XB云溪新区初中", "云溪区教育局", SchoolKind.Junior, true, true, 600, 45, 12, null, null),
            new("XB云溪第二高中", "云溪区教育局", SchoolKind.Senior, false, true, 1500, 120, 30, null, null),
            new("XB青山新城小学", "青山县教育局", SchoolKind.Primary, false, false, 800, 50, 18, null, null),
        ], await SchoolsAsync("XB"));
    }

    [Fact]
    public async Task ImportAGbkEncodedCsvAsExcelInChinaSavesIt()
    {
        var file = ImportFiles.Gbk($"{ImportFiles.Header}\r\nXC柳溪镇中心幼儿园,幼儿园,公办,否,150,15,5,西岭片区,柳溪镇学府路 3 号\r\n");

        var result = await ImportAsync("qs.admin", file);

        Assert.True(result.Succeeded, Describe(result));
        Assert.Equal(
            [new("XC柳溪镇中心幼儿园", "青山县教育局", SchoolKind.Kindergarten, false, false, 150, 15, 5, "西岭片区", "柳溪镇学府路 3 号")],
            await SchoolsAsync("XC"));
    }

    [Fact]
    public async Task AcceptCommonVariantsOfHeadersKindsAndNumbers()
    {
        var file = ImportFiles.Xlsx(
            ["青山县学校基本情况表（2026 年秋季）"],
            ["序号", "学校名称 *", "类型", "学生人数", "教职工人数", "班数", "寄宿制", "备注"],
            [1, "XE青山县第三中学", "完全中学", "１２００", "1,080", 20, "寄宿", "初高中一体"],
            [2, "XE青山县职业高中", "职业高中", 900, 80, 18, "走读", null],
            [3, "XE青山县中专", "中等职业学校", 300, 30, 8, null, null],
            [4, "XE石门九年制学校", "九年一贯制学校", 400, 40, 9, "是", null]);

        var result = await ImportAsync("qs.admin", file);

        Assert.True(result.Succeeded, Describe(result));
        var schools = await SchoolsAsync("XE");
        Assert.Equal(
            new Dictionary<string, SchoolKind>
            {
                ["XE青山县第三中学"] = SchoolKind.Senior,
                ["XE青山县职业高中"] = SchoolKind.Vocational,
                ["XE青山县中专"] = SchoolKind.Vocational,
                ["XE石门九年制学校"] = SchoolKind.NineYear,
            },
            schools.ToDictionary(s => s.Name, s => s.Kind));
        var third = schools.Single(s => s.Name == "XE青山县第三中学");
        Assert.Equal((1200, 1080, true), (third.Students, third.Staff, third.IsBoarding));
    }

    [Fact]
    public async Task RejectMissingAndUnknownColumnsNamingThem()
    {
        var file = ImportFiles.Utf8("学校名称,学校性质,学生数量\nXF小学,公办,100\n", bom: false);

        var county = await ImportAsync("qs.admin", file);
        var city = await ImportAsync("city.admin", file);

        Assert.Equal(
        [
            "缺少必填列：“学校类型”。",
            "无法识别的列：“学校性质”、“学生数量”。可以使用的列：“学校名称”、“学校类型”、“所属教育局”、“办学性质”、“是否寄宿”、“学生数”、“教职工数”、“班级数”、“安全小区”、“地址”。",
        ], Texts(county));
        Assert.Equal("缺少必填列：“学校类型”、“所属教育局”。", Texts(city)[0]);
        Assert.Empty(await SchoolsAsync("XF"));
    }

    [Fact]
    public async Task RejectAnEmptyFile()
    {
        Assert.Equal(["文件是空的。"], Texts(await ImportAsync("qs.admin", [])));
        Assert.Equal(["文件是空的。"], Texts(await ImportAsync("qs.admin", ImportFiles.Utf8("\r\n\r\n", bom: true))));
        Assert.Equal(["文件是空的。"], Texts(await ImportAsync("qs.admin", ImportFiles.Xlsx())));
    }

    [Fact]
    public async Task RejectAFileWithOnlyTheHeader()
    {
        Assert.Equal(["文件只有列名，没有学校数据。"], Texts(await ImportAsync("qs.admin", ImportFiles.Utf8(ImportFiles.Header + "\r\n", bom: true))));
        Assert.Equal(["文件只有列名，没有学校数据。"], Texts(await ImportAsync("qs.admin", ImportFiles.Xlsx(["学校名称", "学校类型"], null, null))));
    }

    [Fact]
    public async Task RejectFilesThatAreNotSpreadsheetsWhateverTheirName()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];
        byte[] pdf = [.. "%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Length 12 /Filter /FlateDecode >>\nstream\n"u8, 0x78, 0x9C, 0x03, 0x00, 0x01, 0x02];
        byte[] xls = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = archive.CreateEntry("学校.txt").Open();
            await entry.WriteAsync(Encoding.UTF8.GetBytes(ImportFiles.Header));
        }

        Assert.Equal(["无法识别这个文件，请上传 Excel（.xlsx）或 CSV 文件。"], Texts(await ImportAsync("qs.admin", png)));
        Assert.Equal(["无法识别这个文件，请上传 Excel（.xlsx）或 CSV 文件。"], Texts(await ImportAsync("qs.admin", pdf)));
        Assert.Equal(["这个文件不是有效的 Excel（.xlsx）文件，可能已损坏。"], Texts(await ImportAsync("qs.admin", zip.ToArray())));
        Assert.Equal(["这是旧版 Excel（.xls）文件或设置了密码的 Excel 文件，请在 Excel 中取消密码并“另存为”.xlsx 或 CSV 后再上传。"], Texts(await ImportAsync("qs.admin", xls)));
    }

    [Fact]
    public async Task RejectDuplicateNamesInTheFileWithBothRowNumbers()
    {
        var file = ImportFiles.Utf8($"{ImportFiles.Header}\nXG甲小学,小学\nXG乙小学,小学\nXG甲小学,小学\n", bom: false);

        var result = await ImportAsync("qs.admin", file);

        Assert.Equal(["第 2 行，学校名称：“XG甲小学”在文件中出现了多次（第 2、4 行）"], Texts(result));
        Assert.Empty(await SchoolsAsync("XG"));
    }

    [Fact]
    public async Task RejectNamesThatAlreadyExistInTheCounty()
    {
        var file = ImportFiles.Utf8($"{ImportFiles.Header}\nXH新小学,小学\n青山县实验小学,小学,公办,否,10,1,1\n", bom: false);

        var result = await ImportAsync("qs.admin", file);

        Assert.Equal(["第 3 行，学校名称：“青山县实验小学”已存在于青山县教育局。如需更新已有学校，请勾选“更新已有学校”"], Texts(result));
        Assert.Empty(await SchoolsAsync("XH"));
        Assert.Equal(2380, (await SchoolsAsync("青山县实验小学")).Single().Students);
    }

    [Fact]
    public async Task UpdateExistingSchoolsWhenAskedKeepingBlankCells()
    {
        var file = ImportFiles.Utf8($"{ImportFiles.Header}\n青山县第二中学,,,,2200,,,东湖片区,\nXI新建小学,小学,公办,否,300,20,6,,\n", bom: false);

        var result = await ImportAsync("qs.admin", file, updateExisting: true);

        Assert.True(result.Succeeded, Describe(result));
        Assert.Equal((1, 1), (result.Created, result.Updated));
        Assert.Equal(
            new SchoolRow("青山县第二中学", "青山县教育局", SchoolKind.Senior, false, true, 2200, 180, 40, "东湖片区", "城关镇青年路 66 号"),
            (await SchoolsAsync("青山县第二中学")).Single());
        Assert.Single(await SchoolsAsync("XI"));
    }

    [Fact]
    public async Task ReportEveryBadValueWithItsSpreadsheetRowNumber()
    {
        var file = ImportFiles.Xlsx(
            ["青山县学校名单"],
            ["学校名称", "学校类型", "办学性质", "是否寄宿", "学生数", "教职工数", "班级数", "安全小区"],
            ["XJ一小", "小学", "公办", "否", 100, 10, 5, null],
            null,
            ["XJ二小", "小学", "公办", "否", 100, 10, 5, "城关片区"],
            ["XJ三小", "小学", "公办", "否", "abc", 10, 5, null],
            ["XJ大学", "大学", null, null, null, null, null, null],
            ["XJ四小", "小学", "私营", "有时", -5, 99999, 1.5, "不存在片区"],
            [null, null, "公办", null, 1, null, null, null]);

        var result = await ImportAsync("qs.admin", file);

        Assert.Equal(
        [
            "第 6 行，学生数：“abc”不是整数",
            "第 7 行，学校类型：“大学”不是可用的学校类型（可填：幼儿园、小学、初中、高中、九年一贯制、职业学校）",
            "第 8 行，办学性质：“私营”无效，请填“公办”或“民办”",
            "第 8 行，是否寄宿：“有时”无效，请填“是”或“否”",
            "第 8 行，学生数：“-5”超出范围（0–20000）",
            "第 8 行，教职工数：“99999”超出范围（0–3000）",
            "第 8 行，班级数：“1.5”不是整数",
            "第 8 行，安全小区：“不存在片区”不是青山县教育局的安全小区",
            "第 9 行，学校名称：必须填写",
            "第 9 行，学校类型：必须填写",
        ], Texts(result));
        Assert.Equal(10, result.ErrorCount);
        Assert.Empty(await SchoolsAsync("XJ"));
    }

    [Fact]
    public async Task RejectRowsForCountiesOutsideTheAdministratorsScope()
    {
        var file = ImportFiles.Utf8($"{CityHeader}\nXK云溪新小学,小学,云溪区\nXK越界小学,小学,青山县\nXK无县小学,小学,\n", bom: false);

        var county = await ImportAsync("yx.admin", file);
        var city = await ImportAsync("city.admin", ImportFiles.Utf8($"{CityHeader}\nXK某县小学,小学,不存在县\nXK无县小学,小学,\n", bom: false));

        Assert.Equal(["第 3 行，所属教育局：“青山县”不存在或不在您的管辖范围内"], Texts(county));
        Assert.Equal(["第 2 行，所属教育局：“不存在县”不存在或不在您的管辖范围内", "第 3 行，所属教育局：必须填写"], Texts(city));
        Assert.Empty(await SchoolsAsync("XK"));
    }

    [Fact]
    public async Task RefuseUsersWithoutACountyInScope()
    {
        var result = await ImportAsync("qs1z.principal", ImportFiles.Utf8($"{ImportFiles.Header}\nXL小学,小学\n", bom: false));

        Assert.Equal(["您的账号不管辖任何县（区）教育局，无法导入学校。"], Texts(result));
        Assert.Empty(await SchoolsAsync("XL"));
    }

    [Fact]
    public async Task WriteNothingWhenOneRowOfAThousandIsBad()
    {
        var csv = ImportFiles.ManyRows("XM", 1000).Replace("XM00500,小学,公办,否,500,", "XM00500,小学,公办,否,五百,", StringComparison.Ordinal);

        var result = await ImportAsync("qs.admin", ImportFiles.Utf8(csv, bom: true));

        Assert.Equal(["第 501 行，学生数：“五百”不是整数"], Texts(result));
        Assert.Empty(await SchoolsAsync("XM"));
    }

    [Fact]
    public async Task ImportTenThousandRowsInOneGo()
    {
        var file = ImportFiles.Utf8(ImportFiles.ManyRows("XN", 10_000), bom: true);

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var result = await ImportAsync("qs.admin", file);
        watch.Stop();

        // Process CPU time as well as wall time: on a shared machine the wall time mostly measures the neighbours.
        // The first large import in a process runs largely on unoptimised JIT code; a warmed-up server needs about a
        // third of this CPU time (most of it EF Core inserting the 10,000 schools and their 10,000 audit rows).
        output.WriteLine($"10,000 rows ({file.Length:N0} bytes) imported in {watch.ElapsedMilliseconds:N0} ms " +
            $"(process CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:N0} ms)");
        Assert.True(result.Succeeded, Describe(result));
        Assert.Equal(10_000, result.Created);
        Assert.Equal(10_000, (await SchoolsAsync("XN")).Count);
    }

    [Fact]
    public async Task RejectFilesOverTheRowAndSizeLimits()
    {
        var tooManyRows = ImportFiles.Utf8(ImportFiles.ManyRows("XO", SchoolImporter.MaxRows + 1), bom: false);
        var tooLarge = new byte[SchoolImporter.MaxFileBytes + 1];
        Array.Fill(tooLarge, (byte)'a');

        Assert.Equal(["一次最多导入 20000 行，这个文件超过了，请拆分后分批导入。"], Texts(await ImportAsync("qs.admin", tooManyRows)));
        Assert.Equal(["文件超过 10 MB，请拆分成几个文件分批导入。"], Texts(await ImportAsync("qs.admin", tooLarge)));
        Assert.Empty(await SchoolsAsync("XO"));
    }

    [Fact]
    public async Task ReadTheTemplatesItGenerates()
    {
        var xlsx = await ImportAsync("qs.admin", SchoolImportTemplate.Xlsx("青山县"));
        var csv = await ImportAsync("yx.admin", SchoolImportTemplate.Csv("云溪区"));

        Assert.True(xlsx.Succeeded, Describe(xlsx));
        Assert.True(csv.Succeeded, Describe(csv));
        var examples = await SchoolsAsync("（示例）");
        Assert.Equal(2, examples.Count(s => s.County == "青山县教育局"));
        Assert.Equal(2, examples.Count(s => s.County == "云溪区教育局"));
    }

    private async Task<SchoolImportResult> ImportAsync(string userName, byte[] file, bool updateExisting = false)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        await using var scope = await app.ScopeAsAsync(userName);
        var importer = scope.ServiceProvider.GetRequiredService<SchoolImporter>();
        return await importer.ImportAsync(new MemoryStream(file), updateExisting);
    }

    private async Task<List<SchoolRow>> SchoolsAsync(string namePrefix)
    {
        var scope = new TenantScope();
        using var _ = scope.EnterSystem();
        await using var db = TestDatabase.CreateContext(app.ConnectionString, scope);
        var rows = await db.Schools.Where(s => s.Name.StartsWith(namePrefix))
            .Select(s => new SchoolRow(s.Name, s.Bureau!.Name, s.Kind, s.IsPrivate, s.IsBoarding, s.Students, s.Staff, s.Classes,
                s.District == null ? null : s.District.Name, s.Address))
            .ToListAsync();
        return rows.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
    }

    private static List<string> Texts(SchoolImportResult result) => result.Errors.Select(e => e.Text).ToList();

    private static string Describe(SchoolImportResult result) => string.Join("\n", Texts(result));

    private sealed record SchoolRow(string Name, string County, SchoolKind Kind, bool IsPrivate, bool IsBoarding,
        int Students, int Staff, int Classes, string? District, string? Address);
}
