using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Tests.Drills.SchoolSide;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Organisation.Import;

namespace SafeCampus.Tests.Hazards;

/// <summary>The hazard pages over HTTP: forms, messages, tenancy and the Excel export.</summary>
public sealed class HazardPagesShould : IClassFixture<HazardFixture>
{
    private readonly HazardFixture _app;

    public HazardPagesShould(HazardFixture app)
    {
        _app = app;
        _app.Clock.Set(HazardFixture.Now);
    }

    [Theory]
    [InlineData("qssx.director")]
    [InlineData("qs1z.director")]
    [InlineData("qssx.principal")]
    public async Task ShowTheSelfCheckPageToTheSchool(string user)
    {
        var client = await _app.LoginAsync(user);
        var response = await client.GetAsync("/hazards/self-check");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("安全自查", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportAHazardWithAPhotoFromTheForm()
    {
        var client = await _app.LoginAsync("qssx.director");
        var response = await client.PostMultipartAsync("/hazards/new", "hazard-new", new()
        {
            ["Input.Place"] = "食堂后厨",
            ["Input.Description"] = "燃气报警器不响",
            ["Input.Area"] = "用电用气",
            ["Input.Grade"] = "General",
            ["Input.FoundOn"] = "2026-11-24",
            ["Input.FoundBy"] = "马强",
        }, ("Photos", "kitchen.png", TestImages.Png(20, 15)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = _app.SystemContext();
        var hazard = await db.Hazards.Include(h => h.Photos).SingleAsync(h => h.Description == "燃气报警器不响");
        Assert.Equal((HazardSource.Report, 1), (hazard.Source, hazard.Photos.Count));
        Assert.Equal($"/hazards/{hazard.Id}?done=reported", response.Headers.Location!.PathAndQuery());
        var page = await client.GetStringAsync($"/hazards/{hazard.Id}");
        Assert.Contains("燃气报警器不响", page, StringComparison.Ordinal);
        Assert.Contains("保存整改方案", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowClearMessagesForAFileThatIsNotAnImageAndAFutureDateAndSaveNothing()
    {
        var client = await _app.LoginAsync("qssx.director");
        var fields = new Dictionary<string, string>
        {
            ["Input.Place"] = "操场", ["Input.Description"] = "不是图片的照片", ["Input.Area"] = "校舍安全", ["Input.FoundOn"] = "2026-11-24", ["Input.FoundBy"] = "马强",
        };
        var notImage = await client.PostMultipartAsync("/hazards/new", "hazard-new", fields, ("Photos", "x.jpg", "%PDF-1.4"u8.ToArray()));
        Assert.Equal(HttpStatusCode.OK, notImage.StatusCode);
        Assert.Contains("图片", Forms.ErrorText(await notImage.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        fields["Input.FoundOn"] = "2026-12-01";
        var future = await client.PostMultipartAsync("/hazards/new", "hazard-new", fields, null);
        Assert.Contains("发现日期不能晚于今天", Forms.ErrorText(await future.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await using var db = _app.SystemContext();
        Assert.False(await db.Hazards.AnyAsync(h => h.Description == "不是图片的照片"));
    }

    [Fact]
    public async Task RefuseAStaleFormWithTheConcurrencyMessage()
    {
        var id = await _app.ReportAsync();
        var stale = (await _app.LoadAsync(id)).Version;
        await _app.PlanAsync(id);
        var client = await _app.LoginAsync(HazardFixture.Director);

        var response = await client.PostFormAsync($"/hazards/{id}", "plan", new()
        {
            ["Step.Version"] = stale.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Step.Responsible"] = "另一人", ["Step.Deadline"] = "2026-12-20", ["Step.Text"] = "另一方案",
        });

        Assert.Contains("刚被其他人修改过", Forms.ErrorText(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal("王建军", (await _app.LoadAsync(id)).ResponsiblePerson);
    }

    [Fact]
    public async Task ShowAnotherSchoolsHazardAsNotFoundAndNeverWriteIt()
    {
        var id = await _app.ReportAsync();
        var version = (await _app.LoadAsync(id)).Version;
        var other = await _app.LoginAsync("qssx.director");

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/hazards/{id}")).StatusCode);
        var own = await other.GetStringAsync("/hazards/new");
        var post = await other.PostFormAsync($"/hazards/{id}", "plan", new()
        {
            ["Step.Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Step.Responsible"] = "外校", ["Step.Deadline"] = "2026-12-20", ["Step.Text"] = "x",
        }, getUrl: "/hazards/new");
        Assert.NotEqual(HttpStatusCode.Redirect, post.StatusCode);
        Assert.False(string.IsNullOrEmpty(own));
        var hazard = await _app.LoadAsync(id);
        Assert.Equal((HazardState.Reported, (string?)null), (hazard.State, hazard.ResponsiblePerson));
    }

    [Fact]
    public async Task ExportTheLedgerWithTheBureausColumnsAndTheFilters()
    {
        var id = await _app.ReportAsync();
        await _app.PlanAsync(id);
        await _app.RectifyAsync(id);
        await _app.AsAsync(HazardFixture.Principal, id, (s, v) => s.AcceptAsync(id, v, null));
        var client = await _app.LoginAsync(HazardFixture.Officer);

        var response = await client.GetAsync($"/hazards.xlsx?school={_app.Org.QingshanFirstMiddle.Id}&state=Accepted");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sheet = SpreadsheetReader.Read(await response.Content.ReadAsByteArrayAsync(), 1000);
        Assert.Null(sheet.Error);
        Assert.Equal(["序号", "学校", "隐患描述", "类别", "等级", "发现时间", "整改措施", "责任人", "整改时限", "整改资金", "整改状态", "验收人", "验收时间"], sheet.Rows[0].Cells);
        var row = sheet.Rows.Skip(1).Single(r => r.Cell(2).Contains("教学楼二楼消防通道堆放杂物", StringComparison.Ordinal));
        Assert.Equal(["青山县第一中学", "消防安全", "一般", "2026-11-24", "清理杂物，设置禁止堆放标识", "王建军", "2026-12-01", "500.00", "已验收销号", "刘志强"],
            new[] { 1, 3, 4, 5, 6, 7, 8, 9, 10, 11 }.Select(row.Cell));
        Assert.StartsWith("2026-11-24", row.Cell(12), StringComparison.Ordinal);
        Assert.All(sheet.Rows.Skip(1), r => Assert.Equal("已验收销号", r.Cell(10)));

        var school = await _app.LoginAsync("qssx.director");
        var own = SpreadsheetReader.Read(await school.GetByteArrayAsync("/hazards.xlsx"), 1000);
        Assert.All(own.Rows.Skip(1), r => Assert.Equal("青山县实验小学", r.Cell(1)));
    }
}
