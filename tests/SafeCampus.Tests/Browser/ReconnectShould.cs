using Microsoft.Playwright;
using SafeCampus.Tests.Infrastructure;

namespace SafeCampus.Tests.Browser;

/// <summary>
/// The stock blazor.web.js with the app's reconnect dialog (Components/Layout/ReconnectModal.razor): the server of
/// an interactive island is killed hard (SIGKILL drops the circuit; a graceful stop would close it, and the page would
/// not try to reconnect), the dialog says so in Chinese, and once the server is back on the same port the page
/// reloads itself and the island works again. The app runs as its own process (dotnet SafeCampus.Web.dll).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReconnectShould(BrowserFixture browser)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Reconnecting = new() { Timeout = 20_000 };
    private static readonly LocatorAssertionsToBeHiddenOptions Recovered = new() { Timeout = 60_000 };

    [Fact]
    public async Task SayInChineseThatTheConnectionIsLostAndRecoverWhenTheServerIsBack()
    {
        var port = BrowserFixture.FreePort();
        var url = $"http://127.0.0.1:{port}";
        var database = await TestDatabase.CreateDatabaseAsync();
        await using var server = new AppProcess(new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = url,
            ["ConnectionStrings__Default"] = database,
            ["ConnectionStrings__Owner"] = TestDatabase.AsOwner(database),
        });
        Assert.Equal(url, await server.StartAsync("--seed-demo"));

        var pages = new List<(IPage Page, string Width)>();
        foreach (var phone in new[] { false, true })
        {
            var page = await browser.NewPageAsync(phone, url);
            await BrowserFixture.LoginAsync(page, "qs.safety");
            // The school finder on the bureau overview is an interactive island: its circuit is up.
            await Assertions.Expect(page.Locator(".finder[data-interactive=true]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#components-reconnect-modal")).ToBeHiddenAsync();
            pages.Add((page, phone ? "360" : "desktop"));
        }

        await server.KillAsync();
        foreach (var (page, width) in pages)
        {
            var dialog = page.Locator("#components-reconnect-modal");
            await Assertions.Expect(dialog).ToBeVisibleAsync(Reconnecting);
            // First "reconnecting…", then "trying again in n seconds" between attempts: one of them is on screen.
            var message = dialog.Locator(".components-reconnect-first-attempt-visible, .components-reconnect-repeated-attempt-visible")
                .Filter(new() { Visible = true });
            await Assertions.Expect(message).ToHaveCountAsync(1);
            await Assertions.Expect(message).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(与服务器的连接已中断，正在重新连接…|重新连接未成功，\\d+ 秒后再试。)$"));
            await BrowserFixture.AssertNoHorizontalScrollAsync(page);
            await BrowserFixture.ShotAsync(page, $"reconnect-{width}");
        }

        Assert.Equal(url, await server.StartAsync());
        foreach (var (page, _) in pages)
        {
            // The new server does not know the old circuit: the dialog reloads the page, which starts a new one;
            // typing in the finder and getting results proves it is live.
            await Assertions.Expect(page.Locator("#components-reconnect-modal")).ToBeHiddenAsync(Recovered);
            await Assertions.Expect(page.Locator(".finder[data-interactive=true]")).ToBeVisibleAsync();
            await page.GetByTestId("finder").PressSequentiallyAsync("实验");
            await Assertions.Expect(page.GetByTestId("finder-results")).ToContainTextAsync("青山县实验小学");
            await page.Context.CloseAsync();
        }
    }
}
