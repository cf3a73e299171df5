using Microsoft.Playwright;

namespace SafeCampus.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class DefencePagesShould(BrowserFixture app)
{
    [Fact]
    public async Task LetASafetyDirectorFileTheMonthlyReturnOnAPhone()
    {
        var page = await app.NewPageAsync(phone: true);
        await BrowserFixture.LoginAsync(page, "qssx.director");
        await page.GetByRole(AriaRole.Link, new() { Name = "三防月报", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "三防月报", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("prefilled")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("input[name='Input.Values[Guards]']")).Not.ToHaveValueAsync("0");
        await NoSidewaysScrollAsync(page);
        await BrowserFixture.ShotAsync(page, "defences-form-360");

        // Full-time guards above all guards: refused with the reason next to the field; nothing is saved.
        await page.Locator("input[name='Input.Values[Guards]']").FillAsync("40");
        await page.Locator("input[name='Input.Values[FullTimeGuards]']").FillAsync("41");
        await page.GetByTestId("submit").ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("专职人数不能多于总人数。");
        await Assertions.Expect(page.Locator("#e-FullTimeGuards")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("input[name='Input.Values[FullTimeGuards]']")).ToHaveValueAsync("41");
        await NoSidewaysScrollAsync(page);
        await BrowserFixture.ShotAsync(page, "defences-form-error-360");

        await page.Locator("input[name='Input.Values[FullTimeGuards]']").FillAsync("40");
        await page.Locator("input[name='Input.Values[VideoDays]']").FillAsync("20");
        await page.GetByTestId("save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("done")).ToContainTextAsync("草稿已保存");
        await Assertions.Expect(page.GetByTestId("warnings")).ToContainTextAsync("录像保存不少于30天");

        // The same form open in a second tab, sent after the first tab has submitted: the current state, with why.
        var second = await page.Context.NewPageAsync();
        await second.GotoAsync(page.Url);
        await Assertions.Expect(second.GetByTestId("submit")).ToBeVisibleAsync();

        await page.Locator("input[name='Input.Values[VideoDays]']").FillAsync("30");
        await page.GetByTestId("submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("done")).ToContainTextAsync("已提交，等待校长确认");

        await second.GetByTestId("submit").ClickAsync();
        await Assertions.Expect(second.GetByTestId("stale-form")).ToContainTextAsync("您提交的表单已不是最新的");
        await Assertions.Expect(second.GetByTestId("heading")).ToContainTextAsync("待校长确认");
        await NoSidewaysScrollAsync(second);
        await BrowserFixture.ShotAsync(second, "defences-stale-form-360");
        await second.SetViewportSizeAsync(1366, 900);
        await BrowserFixture.ShotAsync(second, "defences-stale-form-desktop");
        await second.CloseAsync();
        await Assertions.Expect(page.GetByTestId("heading")).ToContainTextAsync("待校长确认");
        await Assertions.Expect(page.GetByTestId("values")).ToContainTextAsync("保安总数");
        await NoSidewaysScrollAsync(page);
        await BrowserFixture.ShotAsync(page, "defences-submitted-360");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task LetTheBureauSeeTheStatisticsAndDownloadThePdf(bool phone)
    {
        var page = await app.NewPageAsync(phone);
        await BrowserFixture.LoginAsync(page, "qs.safety");
        await page.GotoAsync($"{app.BaseUrl}/defences/bureau");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "三防统计", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("stat-table")).ToContainTextAsync("合计");
        await Assertions.Expect(page.GetByTestId("trend-chart")).ToBeVisibleAsync();
        await NoSidewaysScrollAsync(page);
        await BrowserFixture.ShotAsync(page, $"defences-bureau-{(phone ? "360" : "desktop")}");
        if (phone)
        {
            return;
        }

        await page.GetByTestId("generate-pdf").ClickAsync();
        await Assertions.Expect(page.GetByTestId("done")).ToBeVisibleAsync();
        var link = page.GetByTestId("download-pdf").First;
        await Assertions.Expect(link).ToBeVisibleAsync(new() { Timeout = 90_000 });
        var href = await link.GetAttributeAsync("href");
        var response = await page.APIRequest.GetAsync(app.BaseUrl + href);
        Assert.Equal(200, response.Status);
        Assert.Equal("application/pdf", response.Headers["content-type"]);
        var body = await response.BodyAsync();
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(body, 0, 4));
        await BrowserFixture.ShotAsync(page, "defences-bureau-pdf-desktop");
    }

    private static async Task NoSidewaysScrollAsync(IPage page) =>
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), "the page scrolls sideways");
}
