using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Data.Seeding;
using SafeCampus.Web.Features.Pledges;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class PledgePagesInBrowserShould(BrowserFixture app)
{
    [Theory]
    [InlineData("qs1z.principal", "刘志强", true)]
    [InlineData("yxyey.principal", "郑晓梅", false)]
    public async Task LetAPrincipalReadConfirmTypeTheNameAndSign(string user, string name, bool phone)
    {
        var size = phone ? "360" : "desktop";
        var page = await app.NewPageAsync(phone);
        await BrowserFixture.LoginAsync(page, user);
        await page.GotoAsync("/pledges");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "安全责任书", Level = 1 })).ToBeVisibleAsync();
        await BrowserFixture.AssertNoHorizontalScrollAsync(page);
        await BrowserFixture.ShotAsync(page, $"pledges-mine-{size}");

        await page.GetByTestId("my-pledges").GetByRole(AriaRole.Link, new() { Name = DemoPledgesSeeder.CampaignTitle }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("pledge-text")).ToContainTextAsync($"校长：{name}");
        await Assertions.Expect(page.Locator("[data-sign-pad]")).ToBeVisibleAsync(); // the script enhanced the form
        await BrowserFixture.AssertNoHorizontalScrollAsync(page);
        await BrowserFixture.ShotAsync(page, $"pledges-sign-{size}");

        // A wrong name is refused in Chinese; nothing is signed.
        await page.GetByTestId("confirm").CheckAsync();
        await page.GetByLabel("输入您的姓名以签署").FillAsync("张三");
        await page.GetByTestId("sign").ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("输入的姓名与账号实名不一致");

        await page.GetByTestId("confirm").CheckAsync();
        await page.GetByLabel("输入您的姓名以签署").FillAsync(name);
        var pad = page.Locator("[data-sign-pad] canvas");
        await Assertions.Expect(pad).ToBeVisibleAsync(); // the re-shown form is enhanced again after it loads
        var box = (await pad.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + 20, box.Y + 20);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + 120, box.Y + 50, new() { Steps = 5 });
        await page.Mouse.UpAsync();
        await page.GetByTestId("sign").ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed")).ToContainTextAsync($"{name} 已于");
        var code = await page.GetByTestId("code").InnerTextAsync();
        Assert.Matches("^[A-HJ-NP-Z2-9]{12}$", code);
        await BrowserFixture.ShotAsync(page, $"pledges-signed-{size}");

        await page.GotoAsync($"/pledges/verify?code={code}");
        await Assertions.Expect(page.GetByTestId("verify-result")).ToContainTextAsync("验证通过");
        await BrowserFixture.AssertNoHorizontalScrollAsync(page);
        await BrowserFixture.ShotAsync(page, $"pledges-verify-{size}");
    }

    [Fact]
    public async Task LetAParentAcknowledgeOnAPhoneAndTheBureauSeeTheRateChange()
    {
        var (campaignId, token, school) = await UnacknowledgedReceiptAsync();
        var bureau = await app.NewPageAsync();
        await BrowserFixture.LoginAsync(bureau, "city.safety");
        await bureau.GotoAsync($"/pledges/campaigns/{campaignId}");
        var before = await bureau.GetByTestId("delivery-rate").Locator("xpath=..").Locator(".meta").InnerTextAsync();
        await BrowserFixture.ShotAsync(bureau, "pledges-campaign-city-desktop");

        var parent = await app.NewPageAsync(phone: true);
        await parent.GotoAsync($"/r/{token}");
        await Assertions.Expect(parent.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("告家长书");
        await BrowserFixture.AssertNoHorizontalScrollAsync(parent);
        await BrowserFixture.ShotAsync(parent, "pledges-parent-360");
        await parent.GetByLabel("家长姓名").FillAsync("王建华");
        await parent.GetByLabel("与学生关系").SelectOptionAsync("父亲");
        await parent.GetByRole(AriaRole.Button, new() { Name = "我已阅读并知晓，提交回执" }).ClickAsync();
        await Assertions.Expect(parent.Locator("body[data-testid=done]")).ToContainTextAsync("回执已提交");
        await BrowserFixture.ShotAsync(parent, "pledges-parent-done-360");

        await bureau.ReloadAsync();
        var after = await bureau.GetByTestId("delivery-rate").Locator("xpath=..").Locator(".meta").InnerTextAsync();
        Assert.Equal(Parse(before).Done + 1, Parse(after).Done);
        Assert.Equal(Parse(before).Total, Parse(after).Total);

        // Drill down: county, then the school with its classes; phone and desktop.
        await bureau.GetByTestId("rates").GetByRole(AriaRole.Link, new() { Name = "青山县教育局" }).ClickAsync();
        await Assertions.Expect(bureau.GetByTestId("rates")).ToContainTextAsync(school);
        await BrowserFixture.ShotAsync(bureau, "pledges-campaign-county-desktop");
        await bureau.GetByTestId("rates").GetByRole(AriaRole.Link, new() { Name = school }).ClickAsync();
        await Assertions.Expect(bureau.GetByTestId("classes")).ToBeVisibleAsync();
        await BrowserFixture.ShotAsync(bureau, "pledges-campaign-school-desktop");

        var phone = await app.NewPageAsync(phone: true);
        await BrowserFixture.LoginAsync(phone, "qs.safety");
        await phone.GotoAsync($"/pledges/campaigns/{campaignId}");
        await BrowserFixture.AssertNoHorizontalScrollAsync(phone);
        await BrowserFixture.ShotAsync(phone, "pledges-campaign-county-360");
        await phone.GotoAsync("/pledges/campaigns");
        await BrowserFixture.AssertNoHorizontalScrollAsync(phone);
        await BrowserFixture.ShotAsync(phone, "pledges-campaigns-360");
        await phone.GotoAsync("/pledges/templates");
        await BrowserFixture.AssertNoHorizontalScrollAsync(phone);
        await BrowserFixture.ShotAsync(phone, "pledges-templates-360");
        await phone.GotoAsync("/pledges/campaigns/new");
        await BrowserFixture.AssertNoHorizontalScrollAsync(phone);
        await BrowserFixture.ShotAsync(phone, "pledges-launch-360");
    }

    [Fact]
    public async Task ShowThePrincipalTheSchoolsProgressWithClassesAndAPrintableQrSheet()
    {
        var campaignId = await DemoCampaignAsync();
        foreach (var phone in new[] { true, false })
        {
            var page = await app.NewPageAsync(phone);
            await BrowserFixture.LoginAsync(page, "qssx.principal");
            await page.GotoAsync($"/pledges/school/{campaignId}");
            await Assertions.Expect(page.GetByTestId("classes")).ToContainTextAsync("一年级1班");
            await Assertions.Expect(page.GetByTestId("signers")).ToContainTextAsync("黄秀英");
            await BrowserFixture.AssertNoHorizontalScrollAsync(page);
            await BrowserFixture.ShotAsync(page, $"pledges-school-{(phone ? "360" : "desktop")}");
        }

        var sheet = await app.NewPageAsync();
        await BrowserFixture.LoginAsync(sheet, "qssx.principal");
        await sheet.GotoAsync($"/pledges/school/{campaignId}/qr?class={Uri.EscapeDataString("一年级1班")}");
        Assert.Equal(10, await sheet.Locator(".card svg").CountAsync());
        await BrowserFixture.ShotAsync(sheet, "pledges-qr-sheet-desktop");
    }

    private async Task<Guid> DemoCampaignAsync()
    {
        var system = new TenantScope();
        using var _ = system.EnterSystem("test");
        await using var db = TestDatabase.CreateContext(app.ConnectionString, system);
        return await db.PledgeCampaigns.Where(c => c.Title == DemoPledgesSeeder.CampaignTitle).Select(c => c.Id).SingleAsync();
    }

    /// <summary>A receipt of the demo campaign at a 青山县 school, not yet acknowledged, and its link token.</summary>
    private async Task<(Guid Campaign, string Token, string School)> UnacknowledgedReceiptAsync()
    {
        var system = new TenantScope();
        using var _ = system.EnterSystem("test");
        await using var db = TestDatabase.CreateContext(app.ConnectionString, system);
        var campaign = await DemoCampaignAsync();
        var receipt = await db.NoticeReceipts.Where(r => r.CampaignId == campaign && r.AcknowledgedAt == null)
            .Join(db.Schools.Where(s => s.Name.StartsWith("青山县")), r => r.SchoolId, s => s.Id, (r, s) => new { r.TokenProtected, s.Name })
            .OrderBy(x => x.Name).FirstAsync();
        return (campaign, app.Services.GetRequiredService<ReceiptTokens>().Reveal(receipt.TokenProtected), receipt.Name);
    }

    private static (int Done, int Total) Parse(string counts)
    {
        var parts = counts.Split('·')[0].Trim().Split('/');
        return (int.Parse(parts[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture), int.Parse(parts[1], NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
    }
}
