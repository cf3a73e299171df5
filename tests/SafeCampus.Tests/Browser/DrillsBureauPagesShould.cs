using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace SafeCampus.Tests.Browser;

/// <summary>The bureau's drill pages in Chromium: review, compliance matrix, settings, at desktop width and at 360 px.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DrillsBureauPagesShould(BrowserFixture app)
{
    [Fact]
    public async Task LetAnOfficerAcceptAFilingAndSeeItsCellTurnCompleted()
    {
        var page = await app.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "qs.safety");

        await page.GetByRole(AriaRole.Link, new() { Name = "演练备案审核" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "演练备案审核", Level = 1 })).ToBeVisibleAsync();
        await page.Locator("[data-testid=queue] tbody tr").First.Locator("a.button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("accept-form")).ToBeVisibleAsync();
        var school = await page.GetByTestId("school").InnerTextAsync();
        var date = DateOnly.ParseExact((await page.GetByTestId("date").InnerTextAsync())[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);

        await page.GetByLabel("验收意见").FillAsync("材料齐全，予以验收。");
        await page.GetByRole(AriaRole.Button, new() { Name = "验收通过" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("review-done")).ToContainTextAsync("已验收该演练备案");

        await page.GetByRole(AriaRole.Link, new() { Name = "演练达标" }).First.ClickAsync();
        await page.GotoAsync($"/drills/compliance?year={date.Year}");
        var cell = page.Locator($"tr[data-school='{school}'] td[data-col='m{date.Month}']");
        await Assertions.Expect(cell).ToHaveAttributeAsync("data-state", "Completed");
        await Assertions.Expect(cell.Locator("a")).ToHaveTextAsync("完");
        await Assertions.Expect(cell.Locator("a")).ToHaveAttributeAsync("title", new Regex("已完成"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ShowTheMatrixAndTheReviewPagesAtAnyWidth(bool phone)
    {
        var suffix = phone ? "360" : "desktop";
        var page = await app.NewPageAsync(phone);
        await BrowserFixture.LoginAsync(page, "qs.safety");

        await page.GotoAsync("/drills/compliance");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "演练达标", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=matrix] tbody tr[data-school]")).ToHaveCountAsync(16);
        await Assertions.Expect(page.GetByTestId("legend")).ToContainTextAsync("已逾期");
        await AssertNoHorizontalScrollAsync(page);
        await BrowserFixture.ShotAsync(page, $"drills-compliance-{suffix}");

        await page.GotoAsync("/drills/review");
        await AssertNoHorizontalScrollAsync(page);
        await BrowserFixture.ShotAsync(page, $"drills-review-queue-{suffix}");
        await page.Locator("[data-testid=queue] tbody tr").First.Locator("a.button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("photos").Locator("img").First).ToBeVisibleAsync();
        // The thumbnail loads after the page: wait for it (fails after the timeout if it never decodes at 160 px).
        await page.WaitForFunctionAsync("() => { const img = document.querySelector('[data-testid=photos] img'); return img && img.complete && img.naturalWidth === 160; }");
        await AssertNoHorizontalScrollAsync(page);
        await BrowserFixture.ShotAsync(page, $"drills-review-{suffix}");

        await page.Locator(".crumbs a").Nth(1).ClickAsync();
        await Assertions.Expect(page.GetByTestId("requirements")).ToBeVisibleAsync();
        await AssertNoHorizontalScrollAsync(page);
        await BrowserFixture.ShotAsync(page, $"drills-school-{suffix}");
    }

    [Fact]
    public async Task GroupTheCitysMatrixByCounty()
    {
        var page = await app.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "city.safety");

        await page.GotoAsync("/drills/compliance");
        await Assertions.Expect(page.Locator("[data-testid=matrix] tr.group")).ToHaveTextAsync(["云溪区教育局", "青山县教育局"]);
        await Assertions.Expect(page.Locator("[data-testid=matrix] tbody tr[data-school]")).ToHaveCountAsync(31);
        await AssertNoHorizontalScrollAsync(page);
        await BrowserFixture.ShotAsync(page, "drills-compliance-city-desktop");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ShowTheSettingsToTheirOwnerForEditing(bool phone)
    {
        var page = await app.NewPageAsync(phone);
        await BrowserFixture.LoginAsync(page, "city.admin");

        await page.GotoAsync("/drills/settings");
        await Assertions.Expect(page.GetByTestId("owner")).ToContainTextAsync("临江市教育局");
        await Assertions.Expect(page.GetByTestId("rules-form")).ToBeVisibleAsync();
        await AssertNoHorizontalScrollAsync(page);
        await BrowserFixture.ShotAsync(page, $"drills-settings-{(phone ? "360" : "desktop")}");
    }

    private static async Task AssertNoHorizontalScrollAsync(IPage page)
    {
        // Against the emulated viewport: a phone browser widens its layout viewport (innerWidth) to fit wide content.
        var overflow = await page.EvaluateAsync<bool>("w => document.documentElement.scrollWidth > w + 1", page.ViewportSize!.Width);
        Assert.False(overflow, "the page scrolls sideways");
    }
}
