using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Organisation.Import;

/// <summary>The import page end to end: multipart post, error table, success, templates, access.</summary>
public sealed partial class SchoolImportPageShould(SchoolImportPageShould.Fixture app) : IClassFixture<SchoolImportPageShould.Fixture>
{
    public sealed class Fixture : DemoAppFactory;

    private const string Page = "/org/schools/import";
    private const string FormName = "import-schools";

    [Fact]
    public async Task ShowEveryProblemThenImportTheCorrectedFile()
    {
        var client = await app.LoginAsync("qs.admin");
        var bad = ImportFiles.Utf8($"{ImportFiles.Header}\r\nYA城东小学,小学,公办,否,abc,20,6,,\r\nYA城西小学,大学,公办,否,100,20,6,,\r\n", bom: true);
        var good = ImportFiles.Utf8($"{ImportFiles.Header}\r\nYA城东小学,小学,公办,否,300,20,6,,\r\nYA城西小学,小学,公办,否,100,20,6,,\r\n", bom: true);

        var failed = await client.PostMultipartAsync(Page, FormName, [], ("File", "学校.csv", bad));
        var failedHtml = await failed.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        Assert.Contains("文件中有 2 处问题，没有导入任何学校。", Forms.ErrorText(failedHtml), StringComparison.Ordinal);
        Assert.Equal(
            [("2", "学生数", "“abc”不是整数"), ("3", "学校类型", "“大学”不是可用的学校类型（可填：幼儿园、小学、初中、高中、九年一贯制、职业学校）")],
            ErrorRows(failedHtml));
        Assert.Equal(0, await CountSchoolsAsync("YA"));

        var imported = await client.PostMultipartAsync(Page, FormName, [], ("File", "学校.csv", good));
        var importedHtml = await imported.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Contains("已导入 2 所学校。", importedHtml, StringComparison.Ordinal);
        Assert.Contains("href=\"/org/schools\"", importedHtml, StringComparison.Ordinal);
        Assert.Equal(2, await CountSchoolsAsync("YA"));
    }

    [Fact]
    public async Task ListTheFirst200ProblemsWithTheTotal()
    {
        var client = await app.LoginAsync("qs.admin");
        var csv = new StringBuilder(ImportFiles.Header).Append('\n');
        for (var i = 0; i < 300; i++)
        {
            csv.Append("YB学校").Append(i).Append(",小学,公办,否,多,1,1,,\n");
        }

        var response = await client.PostMultipartAsync(Page, FormName, [], ("File", "schools.csv", ImportFiles.Utf8(csv.ToString(), bom: false)));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("文件中有 300 处问题，没有导入任何学校。", Forms.ErrorText(html), StringComparison.Ordinal);
        Assert.Contains("下表只列出前 200 处问题（共 300 处）。", html, StringComparison.Ordinal);
        var rows = ErrorRows(html);
        Assert.Equal(200, rows.Count);
        Assert.Equal(("201", "学生数", "“多”不是整数"), rows[^1]);
    }

    [Fact]
    public async Task ExplainAFileThatIsNotASpreadsheet()
    {
        var client = await app.LoginAsync("qs.admin");

        var response = await client.PostMultipartAsync(Page, FormName, [], ("File", "schools.xlsx", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]));

        Assert.EndsWith("无法识别这个文件，请上传 Excel（.xlsx）或 CSV 文件。", Forms.ErrorText(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServeTemplatesThatImportAsTheyAreAndUpdateWhenAsked()
    {
        var client = await app.LoginAsync("qs.admin");

        var xlsx = await client.GetAsync($"{Page}/template.xlsx");
        var csv = await client.GetAsync($"{Page}/template.csv");

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var csvBytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csvBytes[..3]);
        Assert.StartsWith("学校名称,学校类型,所属教育局,办学性质,是否寄宿,学生数,教职工数,班级数,安全小区,地址\r\n（示例）城关第三小学,小学,青山县,",
            Encoding.UTF8.GetString(csvBytes, 3, csvBytes.Length - 3), StringComparison.Ordinal);

        var first = await client.PostMultipartAsync(Page, FormName, [], ("File", "模板.xlsx", await xlsx.Content.ReadAsByteArrayAsync()));
        Assert.Contains("已导入 2 所学校。", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var again = await client.PostMultipartAsync(Page, FormName, [], ("File", "模板.csv", csvBytes));
        Assert.Equal(
            [("2", "学校名称", "“（示例）城关第三小学”已存在于青山县教育局。如需更新已有学校，请勾选“更新已有学校”"),
             ("3", "学校名称", "“（示例）阳光幼儿园”已存在于青山县教育局。如需更新已有学校，请勾选“更新已有学校”")],
            ErrorRows(await again.Content.ReadAsStringAsync()));

        var updated = await client.PostMultipartAsync(Page, FormName, new() { ["Input.UpdateExisting"] = "true" }, ("File", "模板.csv", csvBytes));
        var updatedHtml = await updated.Content.ReadAsStringAsync();
        Assert.Contains("已导入 2 所学校。", updatedHtml, StringComparison.Ordinal);
        Assert.Contains("其中新增 0 所，更新 2 所。", updatedHtml, StringComparison.Ordinal);
        Assert.Equal(2, await CountSchoolsAsync("（示例）"));
    }

    [Fact]
    public async Task AskForAFileWhenNoneIsChosen()
    {
        var client = await app.LoginAsync("qs.admin");

        var response = await client.PostMultipartAsync(Page, FormName, [], null);

        Assert.EndsWith("请选择要上传的文件。", Forms.ErrorText(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BeForBureauAdministratorsOnly()
    {
        var officer = await app.LoginAsync("qs.safety");

        var page = await officer.GetAsync(Page);
        var template = await officer.GetAsync($"{Page}/template.xlsx");

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("data-testid=\"not-allowed\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, template.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.LoginAsync("yx.admin")).GetAsync(Page)).StatusCode);
    }

    private static List<(string Row, string Column, string Problem)> ErrorRows(string html)
    {
        var table = ErrorTableRegex().Match(html);
        return !table.Success
            ? []
            : ErrorRowRegex().Matches(table.Value)
                .Select(m => (WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value), WebUtility.HtmlDecode(m.Groups[3].Value)))
                .ToList();
    }

    private async Task<int> CountSchoolsAsync(string namePrefix)
    {
        var scope = new TenantScope();
        using var _ = scope.EnterSystem();
        await using var db = TestDatabase.CreateContext(app.ConnectionString, scope);
        return await db.Schools.CountAsync(s => s.Name.StartsWith(namePrefix));
    }

    [GeneratedRegex("<section[^>]*data-testid=\"import-errors\".*?</section>", RegexOptions.Singleline)]
    private static partial Regex ErrorTableRegex();

    [GeneratedRegex("<tr>\\s*<td class=\"num\">(\\d+)</td>\\s*<td>([^<]*)</td>\\s*<td>([^<]*)</td>\\s*</tr>")]
    private static partial Regex ErrorRowRegex();
}
