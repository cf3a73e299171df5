using Microsoft.Playwright;

namespace SafeCampus.Tests.Browser;

/// <summary>The audit trail page in Chromium, at desktop width and at 360 px: filters, the list, the chain check.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AuditPageShould(BrowserFixture app)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FilterTheTrailAndVerifyAMonthAtAnyWidth(bool phone)
    {
        var page = await app.NewPageAsync(phone);
        await BrowserFixture.LoginAsync(page, "qs.admin");
        await page.GotoAsync("/audit");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "审计日志", Level = 1 })).ToBeVisibleAsync();

        await page.GetByLabel("对象").SelectOptionAsync("School");
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=entries] tbody tr").First).ToContainTextAsync("School");
        await BrowserFixture.AssertNoHorizontalScrollAsync(page);
        await BrowserFixture.ShotAsync(page, $"audit-{(phone ? "360" : "desktop")}");

        await page.GetByTestId("verify").ClickAsync();
        await Assertions.Expect(page.GetByTestId("verify-result")).ToContainTextAsync("审计链");
        await BrowserFixture.ShotAsync(page, $"audit-verify-{(phone ? "360" : "desktop")}");
    }
}
