using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SafeCampus.Web.Infrastructure;

namespace SafeCampus.Tests.Browser;

/// <summary>A special campaign in Chromium: the bureau launches it, a director answers it on a phone, the bureau sees the result.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HazardCampaignPagesShould(BrowserFixture app)
{
    [Fact]
    public async Task LetTheBureauLaunchACampaignThatADirectorAnswersOnAPhoneWithOneHazard()
    {
        var officer = await app.NewPageAsync();
        await BrowserFixture.LoginAsync(officer, "qs.safety");
        await officer.GotoAsync("/hazards/campaigns");
        await officer.Locator("details[data-testid='new-campaign'] summary").ClickAsync();
        await officer.Locator("input[name='Input.Name']").FillAsync("冬春防火专项检查");
        var today = app.Clock.Today();
        await officer.Locator("input[name='Input.StartsOn']").FillAsync(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await officer.Locator("input[name='Input.EndsOn']").FillAsync(today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await officer.Locator("input[name='Input.Audience'][value='Picked']").CheckAsync();
        await officer.GetByTestId("pick-schools").GetByLabel("青山县第一中学").CheckAsync();
        await officer.GetByTestId("create-campaign").ClickAsync();
        await Assertions.Expect(officer.Locator(".error-summary")).ToContainTextAsync("截止日期不能早于开始日期");
        await BrowserFixture.ShotAsync(officer, "hazards-campaigns-error-desktop");

        await officer.Locator("input[name='Input.EndsOn']").FillAsync(today.AddDays(20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await officer.GetByTestId("create-campaign").ClickAsync();
        await officer.WaitForURLAsync(new Regex("/hazards/campaigns/[0-9a-f-]{36}$"));
        var campaignPath = new Uri(officer.Url).AbsolutePath;
        await Assertions.Expect(officer.GetByTestId("campaign-schools")).ToContainTextAsync("进行中");

        var school = await app.NewPageAsync(phone: true);
        await BrowserFixture.LoginAsync(school, "qs1z.director");
        await Assertions.Expect(school.Locator("ol.todo")).ToContainTextAsync("专项检查：冬春防火专项检查");
        await school.GotoAsync(campaignPath);
        var items = school.Locator("fieldset.check-item");
        var count = await items.CountAsync();
        Assert.True(count > 0);
        for (var i = 0; i < count; i++)
        {
            await items.Nth(i).Locator(i == 0 ? "input[value='Hazard']" : "input[value='Ok']").CheckAsync();
        }

        await items.Nth(0).Locator("textarea").FillAsync("厨房灭火毯缺失");
        await AssertNoSidewaysScrollAsync(school);
        await BrowserFixture.ShotAsync(school, "hazards-campaign-answer-360");
        await school.GetByTestId("submit-campaign").ClickAsync();
        await school.WaitForURLAsync(new Regex("done=submitted"));
        await Assertions.Expect(school.GetByTestId("done")).ToContainTextAsync("发现隐患 1 处");
        await AssertNoSidewaysScrollAsync(school);
        await BrowserFixture.ShotAsync(school, "hazards-campaign-answered-360");

        await officer.GotoAsync(campaignPath);
        await Assertions.Expect(officer.GetByTestId("campaign-schools")).ToContainTextAsync("已完成");
        await Assertions.Expect(officer.GetByTestId("campaign-states")).ToContainTextAsync("1");
        await BrowserFixture.ShotAsync(officer, "hazards-campaign-bureau-desktop");
        await officer.GetByTestId("campaign-ledger").ClickAsync();
        await Assertions.Expect(officer.GetByTestId("campaign-filter")).ToBeVisibleAsync();
        await Assertions.Expect(officer.Locator("table.data tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(officer.Locator("table.data tbody")).ToContainTextAsync("厨房灭火毯缺失");

        var phone = await app.NewPageAsync(phone: true);
        await BrowserFixture.LoginAsync(phone, "qs.safety");
        foreach (var (path, name) in new[] { ("/hazards/campaigns", "campaigns"), (campaignPath, "campaign-bureau"), ("/hazards/cross-inspections", "cross") })
        {
            await phone.GotoAsync(path);
            await AssertNoSidewaysScrollAsync(phone);
            await BrowserFixture.ShotAsync(phone, $"hazards-{name}-360");
        }

        await officer.GotoAsync("/hazards/cross-inspections");
        await officer.Locator("details[data-testid='new-cross'] summary").ClickAsync();
        await officer.Locator("select[name='Input.Inspector']").SelectOptionAsync(new SelectOptionValue { Label = "青山县第一中学" });
        await officer.Locator("select[name='Input.Target']").SelectOptionAsync(new SelectOptionValue { Label = "青山县实验小学" });
        await officer.GetByTestId("assign-cross").ClickAsync();
        await Assertions.Expect(officer.GetByTestId("cross-inspections")).ToContainTextAsync("青山县实验小学");
        await BrowserFixture.ShotAsync(officer, "hazards-cross-desktop");

        await school.GotoAsync("/hazards/cross-inspections");
        await school.GetByTestId("cross-inspections").GetByRole(AriaRole.Link, new() { Name = "青山县实验小学" }).ClickAsync();
        await school.Locator("input[name='Input.Team']").FillAsync("孙国华、王丽");
        await school.GetByTestId("record-cross").ClickAsync();
        await school.WaitForURLAsync(new Regex("done=recorded"));
        await school.Locator("select[name='Input.Item']").SelectOptionAsync(new SelectOptionValue { Index = 3 });
        await school.Locator("textarea[name='Input.Description']").FillAsync("楼梯扶手松动");
        await AssertNoSidewaysScrollAsync(school);
        await BrowserFixture.ShotAsync(school, "hazards-cross-finding-form-360");
        await school.GetByTestId("add-cross-finding").ClickAsync();
        await school.WaitForURLAsync(new Regex("done=finding"));
        await Assertions.Expect(school.GetByTestId("cross-findings")).ToContainTextAsync("楼梯扶手松动");
        await AssertNoSidewaysScrollAsync(school);
        await BrowserFixture.ShotAsync(school, "hazards-cross-record-360");

        // A second assignment, issued by mistake: the officer withdraws it with a reason before the school records it.
        await officer.GotoAsync("/hazards/cross-inspections");
        await officer.Locator("details[data-testid='new-cross'] summary").ClickAsync();
        await officer.Locator("select[name='Input.Inspector']").SelectOptionAsync(new SelectOptionValue { Label = "青山县第一中学" });
        await officer.Locator("select[name='Input.Target']").SelectOptionAsync(new SelectOptionValue { Label = "青山县第二中学" });
        await officer.GetByTestId("assign-cross").ClickAsync();
        await officer.GetByTestId("cross-inspections").GetByRole(AriaRole.Link, new() { Name = "青山县第二中学" }).ClickAsync();
        await Assertions.Expect(officer.GetByTestId("withdraw")).ToBeVisibleAsync();
        await officer.Locator("textarea[name='Reason']").FillAsync("派错学校，应为青山县第三中学");
        await officer.GetByTestId("withdraw").GetByRole(AriaRole.Checkbox).CheckAsync();
        await BrowserFixture.ShotAsync(officer, "hazards-cross-withdraw-desktop");
        await officer.GetByTestId("withdraw").GetByRole(AriaRole.Button).ClickAsync();
        await officer.WaitForURLAsync(new Regex("done=withdrawn"));
        await Assertions.Expect(officer.GetByTestId("withdrawn-facts")).ToContainTextAsync("派错学校");
        await Assertions.Expect(officer.GetByTestId("withdraw")).ToHaveCountAsync(0);
        await phone.GotoAsync(officer.Url);
        await AssertNoSidewaysScrollAsync(phone);
        await BrowserFixture.ShotAsync(phone, "hazards-cross-withdrawn-360");
        await phone.GotoAsync("/hazards/cross-inspections");
        await Assertions.Expect(phone.GetByTestId("cross-inspections")).ToContainTextAsync("已撤回");
    }

    private static Task AssertNoSidewaysScrollAsync(IPage page) => BrowserFixture.AssertNoHorizontalScrollAsync(page);
}
