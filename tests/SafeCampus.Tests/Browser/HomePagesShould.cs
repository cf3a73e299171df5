using Microsoft.Playwright;

namespace SafeCampus.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class HomePagesShould(BrowserFixture app)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ShowABureauOfficerTheOverviewOfHerCounty(bool phone)
    {
        var page = await app.NewPageAsync(phone);
        await BrowserFixture.LoginAsync(page, "qs.safety");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "安全工作总览", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".topbar .org")).ToHaveTextAsync("青山县教育局");
        // 16 schools in 青山县, none of 云溪区's.
        await Assertions.Expect(page.Locator(".tile").First.Locator(".tile-value")).ToHaveTextAsync("16");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "东湖片区" })).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByText("云溪区").CountAsync());
        await AssertNoHorizontalScrollAsync(page);
        await BrowserFixture.ShotAsync(page, $"home-bureau-{(phone ? "360" : "desktop")}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ShowASafetyDirectorTheToDoListOfHerSchool(bool phone)
    {
        var page = await app.NewPageAsync(phone);
        await BrowserFixture.LoginAsync(page, "qs1z.director");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "我的待办", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".topbar .org")).ToHaveTextAsync("青山县第一中学");
        await Assertions.Expect(page.Locator(".topbar .who")).ToContainTextAsync("孙国华");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "学校", Exact = true })).ToHaveCountAsync(0);
        await AssertNoHorizontalScrollAsync(page);
        await BrowserFixture.ShotAsync(page, $"home-school-{(phone ? "360" : "desktop")}");
    }

    [Fact]
    public async Task FindSchoolsAsYouTypeOnlyWithinTheOfficersCounty()
    {
        var page = await app.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "qs.safety");
        // The finder is an interactive island: wait for the circuit before typing.
        await Assertions.Expect(page.Locator(".finder[data-interactive=true]")).ToBeVisibleAsync();
        await page.GetByTestId("finder").PressSequentiallyAsync("实验");

        var results = page.GetByTestId("finder-results");
        await Assertions.Expect(results).ToContainTextAsync("青山县实验小学");
        await Assertions.Expect(results).Not.ToContainTextAsync("云溪区");
        await BrowserFixture.ShotAsync(page, "home-bureau-finder-desktop");
    }

    [Fact]
    public async Task ShowTheLoginPageInChineseAndSwitchToEnglish()
    {
        var page = await app.NewPageAsync(phone: true);
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "登录" })).ToBeVisibleAsync();
        await BrowserFixture.ShotAsync(page, "login-360");

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "中文" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "登录" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task RefuseAWrongPasswordWithAChineseMessage()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync("qs.safety");
        await page.GetByLabel("密码").FillAsync("wrong-password-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("用户名或密码不正确");
    }

    private static async Task AssertNoHorizontalScrollAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the page scrolls sideways");
    }
}
