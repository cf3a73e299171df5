using Microsoft.Playwright;

namespace SafeCampus.Tests.Browser;

/// <summary>
/// Every foundation page, as the user who works with it, at desktop width and at 360 px: it has its heading, does
/// not scroll sideways (tables scroll inside their own box), and leaves a screenshot in artifacts/screenshots/.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PagesShould(BrowserFixture app)
{
    public static TheoryData<string, string, string, bool> Pages()
    {
        var data = new TheoryData<string, string, string, bool>();
        (string User, string Path, string Name)[] pages =
        [
            ("qs.admin", "/org/schools", "org-schools"),
            ("qs.admin", "/org/schools/new", "org-school-new"),
            ("qs.admin", "/org/schools/import", "org-school-import"),
            ("qs.admin", "/org/districts", "org-districts"),
            ("qs.admin", "/org/users", "org-users"),
            ("qs.admin", "/org/users/new", "org-user-new"),
            ("city.admin", "/org/bureaus", "org-bureaus"),
            ("city.safety", "/", "home-city"),
            ("qs1z.director", "/org/my-school", "org-my-school"),
            ("qs1z.director", "/notifications", "notifications"),
            ("qs1z.director", "/account/change-password", "account-change-password"),
        ];
        foreach (var (user, path, name) in pages)
        {
            data.Add(user, path, name, false);
            data.Add(user, path, name, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task ShowTheirHeadingWithoutScrollingSideways(string user, string path, string name, bool phone)
    {
        var page = await app.NewPageAsync(phone);
        await BrowserFixture.LoginAsync(page, user);
        var response = await page.GotoAsync(path);
        Assert.Equal(200, response!.Status);
        await Assertions.Expect(page.Locator("main h1")).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, $"{path} scrolls sideways at {(phone ? "360 px" : "desktop width")}");
        await BrowserFixture.ShotAsync(page, $"{name}-{(phone ? "360" : "desktop")}");
        await page.Context.CloseAsync();
    }
}
