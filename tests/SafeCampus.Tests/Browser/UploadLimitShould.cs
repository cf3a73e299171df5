using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SafeCampus.Tests.Infrastructure;

namespace SafeCampus.Tests.Browser;

/// <summary>
/// An upload far over the limits, through real Kestrel: the page answers in Chinese and keeps what was typed,
/// instead of an empty 400 and a reset connection (UploadLimitMiddleware). Nothing of the file is stored.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class UploadLimitShould(BrowserFixture app)
{
    private const int MB = 1024 * 1024;

    [Fact]
    public async Task AnswerA50MegabytePhotoInChineseAndKeepTheForm()
    {
        var (client, fields) = await HazardFormAsync();
        var before = await app.QueryAsync(db => db.Hazards.CountAsync());

        var response = await PostAsync(client, fields, ("big.jpg", 50 * MB));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(html.Contains("文件太大：不能超过 8 MB。", StringComparison.Ordinal), Forms.ErrorText(html));
        Assert.Contains("value=\"西侧围墙\"", html, StringComparison.Ordinal);
        Assert.Contains(">围墙有一处 20 厘米的裂缝</textarea>", html, StringComparison.Ordinal);
        Assert.Equal(before, await app.QueryAsync(db => db.Hazards.CountAsync()));
    }

    [Fact]
    public async Task AnswerPhotosSmallInThemselvesButTooManyTogetherInChinese()
    {
        var (client, fields) = await HazardFormAsync();
        var before = await app.QueryAsync(db => db.StoredFiles.CountAsync());

        var response = await PostAsync(client, fields, ("a.jpg", 7 * MB), ("b.jpg", 7 * MB), ("c.jpg", 7 * MB), ("d.jpg", 7 * MB), ("e.jpg", 7 * MB));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("一次上传的内容合计不能超过 30 MB", html, StringComparison.Ordinal);
        Assert.Contains("value=\"西侧围墙\"", html, StringComparison.Ordinal);
        Assert.Equal(before, await app.QueryAsync(db => db.StoredFiles.CountAsync()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ShowTheMessageBesideTheDrillPlanInTheBrowser(bool phone)
    {
        var plan = Path.Combine(Path.GetTempPath(), $"plan-{Guid.NewGuid():N}.pdf");
        await using (var file = File.Create(plan))
        {
            await file.WriteAsync("%PDF-1.4\n"u8.ToArray());
            file.SetLength(50L * MB);
        }

        var page = await app.NewPageAsync(phone);
        await BrowserFixture.LoginAsync(page, "qssx.director");
        await page.GotoAsync("/drills/new");
        await page.Locator("select[name='Input.KindId']").SelectOptionAsync(new SelectOptionValue { Label = "消防疏散" });
        await page.Locator("input[name='Input.Scenario']").FillAsync("教学楼二层起火");
        await page.Locator("input[name='Input.Location']").FillAsync("教学楼");
        await page.Locator("input[name='PlanDocument']").SetInputFilesAsync(plan);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存演练计划" }).ClickAsync();

        await Assertions.Expect(page.GetByText("文件太大：不能超过 20 MB。").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("input[name='Input.Scenario']")).ToHaveValueAsync("教学楼二层起火");
        Assert.Contains("/drills/new", page.Url, StringComparison.Ordinal);
        await BrowserFixture.AssertNoHorizontalScrollAsync(page);
        await BrowserFixture.ShotAsync(page, $"upload-too-large-{(phone ? "360" : "desktop")}");
        await page.Context.CloseAsync();
        File.Delete(plan);
    }

    /// <summary>The hazard report form of a school, over the real port, with valid values in every field.</summary>
    private async Task<(HttpClient Client, Dictionary<string, string> Fields)> HazardFormAsync()
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(app.BaseUrl),
            Timeout = TimeSpan.FromMinutes(2),
        };
        var login = await client.PostFormAsync("/account/login", "login",
            new() { ["Input.UserName"] = "qs1z.director", ["Input.Password"] = SafeCampus.Web.Data.Seeding.DemoSeeder.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var form = await client.GetStringAsync("/hazards/new");
        var fields = new Dictionary<string, string>
        {
            ["_handler"] = "hazard-new",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(TokenRegex().Match(form).Groups[1].Value),
            ["Input.Place"] = "西侧围墙",
            ["Input.Description"] = "围墙有一处 20 厘米的裂缝",
            ["Input.Area"] = WebUtility.HtmlDecode(AreaRegex().Match(form).Groups[1].Value),
            ["Input.Grade"] = "General",
            ["Input.FoundOn"] = TodayRegex().Match(form).Groups[1].Value,
            ["Input.FoundBy"] = "王老师",
        };
        return (client, fields);
    }

    /// <summary>A multipart post with the fields first and the photos after them, as a browser sends the form.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, Dictionary<string, string> fields, params (string Name, int Bytes)[] photos)
    {
        using var content = new MultipartFormDataContent();
        foreach (var (k, v) in fields)
        {
            content.Add(new StringContent(v), k);
        }

        foreach (var (name, bytes) in photos)
        {
            var jpeg = new byte[bytes];
            jpeg[0] = 0xFF;
            jpeg[1] = 0xD8;
            jpeg[2] = 0xFF;
            content.Add(new ByteArrayContent(jpeg), "Photos", name);
        }

        return await client.PostAsync("/hazards/new", content);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();

    [GeneratedRegex("name=\"Input.Area\"[^>]*>[\\s\\S]*?<option value=\"([^\"]+)\"")]
    private static partial Regex AreaRegex();

    [GeneratedRegex("id=\"found-on\"[^>]*max=\"([0-9-]{10})\"")]
    private static partial Regex TodayRegex();
}
