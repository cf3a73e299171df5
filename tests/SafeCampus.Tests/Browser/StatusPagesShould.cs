using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace SafeCampus.Tests.Browser;

/// <summary>
/// The Chinese not-found page (the router's NotFoundPage, shown by NavigationManager.NotFound() and as the 404
/// status-code page) and the not-allowed answer, in Chromium: with the stock blazor.web.js (also after an enhanced
/// navigation), without JavaScript, at desktop width and at 360 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StatusPagesShould(BrowserFixture app)
{
    private Task<Guid> OtherCountysSchoolAsync() =>
        app.QueryAsync(db => db.Schools.Where(s => s.Name == "青山县实验小学").Select(s => s.Id).SingleAsync());

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ShowTheChineseNotFoundPageForARecordOutsideTheUsersScope(bool phone)
    {
        var id = await OtherCountysSchoolAsync();
        var page = await app.NewPageAsync(phone);
        await BrowserFixture.LoginAsync(page, "yx.admin");

        var response = await page.GotoAsync($"/org/schools/{id}");
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("页面不存在");
        await Assertions.Expect(page.GetByTestId("not-found")).ToHaveTextAsync("您访问的页面不存在，或者您无权查看。");
        await Assertions.Expect(page).ToHaveTitleAsync("页面不存在 - 平安校园");
        Assert.Equal(0, await page.GetByText("青山县实验小学").CountAsync());
        await BrowserFixture.AssertNoHorizontalScrollAsync(page);
        await BrowserFixture.ShotAsync(page, $"not-found-{(phone ? "360" : "desktop")}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ShowTheNotFoundPageAfterAnEnhancedNavigation()
    {
        var id = await OtherCountysSchoolAsync();
        var page = await app.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "yx.admin");
        await page.GotoAsync("/org/schools");
        // A link on the page, followed by blazor.web.js without reloading the document.
        await page.EvaluateAsync("""
            id => {
                window.keptAcrossNavigation = true;
                const a = document.createElement("a");
                a.href = "/org/schools/" + id;
                a.id = "probe";
                a.textContent = "probe";
                document.querySelector("main").append(a);
            }
            """, id.ToString());
        await page.Locator("#probe").ClickAsync();

        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("页面不存在");
        Assert.EndsWith($"/org/schools/{id}", page.Url, StringComparison.Ordinal);
        Assert.True(await page.EvaluateAsync<bool>("() => window.keptAcrossNavigation === true"), "the page was reloaded instead of enhanced");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnswerWithoutJavaScript(bool phone)
    {
        var id = await OtherCountysSchoolAsync();
        var page = await app.NewPageAsync(phone, javaScript: false);
        await BrowserFixture.LoginAsync(page, "yx.admin");

        foreach (var path in new[] { $"/org/schools/{id}", "/no-such-page" })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(404, response!.Status);
            await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("页面不存在");
        }

        // A county administrator on the city administrator's page.
        var forbidden = await page.GotoAsync("/org/bureaus/new");
        Assert.Equal(403, forbidden!.Status);
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("无权操作");
        await Assertions.Expect(page.GetByTestId("not-allowed")).ToHaveTextAsync("您无权进行此操作。");
        await BrowserFixture.AssertNoHorizontalScrollAsync(page);
        await BrowserFixture.ShotAsync(page, $"not-allowed-{(phone ? "360" : "desktop")}");
        await page.Context.CloseAsync();
    }
}
