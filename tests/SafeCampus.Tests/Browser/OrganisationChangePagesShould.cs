using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SafeCampus.Tests.Pledges;

namespace SafeCampus.Tests.Browser;

/// <summary>
/// The organisation-change forms in Chromium at desktop width and 360 px. The fixture's demo city is shared with the
/// other browser tests: moves and dissolutions are only tried unconfirmed here (they are carried out in
/// Organisation/OrganisationChangesShould on their own database); the user and the campaigns changed are this test's own.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OrganisationChangePagesShould(BrowserFixture app)
{
    [Fact]
    public async Task ShowTheMoveAndDissolveFormsWithTheirConfirmation()
    {
        foreach (var phone in new[] { false, true })
        {
            var suffix = phone ? "360" : "desktop";
            var city = await app.NewPageAsync(phone);
            await BrowserFixture.LoginAsync(city, "city.admin");
            await city.GotoAsync("/org/schools?q=" + Uri.EscapeDataString("青山县实验小学"));
            await city.GetByRole(AriaRole.Link, new() { Name = "青山县实验小学" }).First.ClickAsync();
            await city.WaitForURLAsync(new Regex("/org/schools/[0-9a-f-]{36}"));
            var move = city.GetByTestId("move");
            await move.Locator("select[name='Move.BureauId']").SelectOptionAsync(new SelectOptionValue { Label = "云溪区教育局" });
            await move.GetByRole(AriaRole.Button, new() { Name = "调整隶属关系" }).ClickAsync();
            await Assertions.Expect(city.Locator(".error-summary")).ToContainTextAsync("请勾选确认后再提交。");
            await BrowserFixture.AssertNoHorizontalScrollAsync(city);
            await BrowserFixture.ShotAsync(city, $"org-school-move-{suffix}");

            var county = await app.NewPageAsync(phone);
            await BrowserFixture.LoginAsync(county, "qs.admin");
            await county.GotoAsync("/org/districts");
            await county.GetByTestId("districts").Locator("tbody a").First.ClickAsync();
            await county.WaitForURLAsync(new Regex("/org/districts/[0-9a-f-]{36}"));
            await county.GetByTestId("dissolve").GetByRole(AriaRole.Button, new() { Name = "撤销安全小区" }).ClickAsync();
            await Assertions.Expect(county.Locator(".error-summary")).ToContainTextAsync("请勾选确认后再提交。");
            await BrowserFixture.AssertNoHorizontalScrollAsync(county);
            await BrowserFixture.ShotAsync(county, $"org-district-dissolve-{suffix}");
        }
    }

    [Fact]
    public async Task ChangeAUsersNameAndRoleOnTheUserPage()
    {
        foreach (var phone in new[] { false, true })
        {
            var suffix = phone ? "360" : "desktop";
            var userName = $"qssx.change{(phone ? "p" : "d")}";
            var admin = await app.NewPageAsync(phone);
            await BrowserFixture.LoginAsync(admin, "qs.admin");
            await admin.GotoAsync("/org/users/new");
            await admin.Locator("input[name='Input.FullName']").FillAsync("调岗测试");
            await admin.Locator("input[name='Input.UserName']").FillAsync(userName);
            await admin.Locator("select[name='Input.Role']").SelectOptionAsync("SchoolStaff");
            await admin.Locator("select[name='Input.OrgId']").SelectOptionAsync(new SelectOptionValue { Label = "青山县实验小学" });
            await admin.GetByRole(AriaRole.Button, new() { Name = "创建用户" }).ClickAsync();
            await admin.GetByRole(AriaRole.Link, new() { Name = "查看该用户" }).ClickAsync();
            await admin.WaitForURLAsync(new Regex("/org/users/[0-9a-f-]{36}"));

            var form = admin.GetByTestId("change");
            await form.Locator("select[name='Input.Role']").SelectOptionAsync("Principal");
            await form.GetByRole(AriaRole.Button, new() { Name = "保存修改" }).ClickAsync();
            await Assertions.Expect(admin.Locator(".error-summary")).ToContainTextAsync("一所学校只设一名校长");
            await BrowserFixture.AssertNoHorizontalScrollAsync(admin);
            await BrowserFixture.ShotAsync(admin, $"org-user-change-error-{suffix}");

            form = admin.GetByTestId("change");
            await form.Locator("input[name='Input.FullName']").FillAsync("调岗测试改名");
            await form.Locator("select[name='Input.Role']").SelectOptionAsync("SafetyDirector");
            await form.GetByRole(AriaRole.Button, new() { Name = "保存修改" }).ClickAsync();
            await Assertions.Expect(admin.GetByTestId("done")).ToContainTextAsync("账户已修改。该用户须用新的信息重新登录");
            await Assertions.Expect(admin.GetByTestId("facts")).ToContainTextAsync("安全主任");
            await BrowserFixture.AssertNoHorizontalScrollAsync(admin);
            await BrowserFixture.ShotAsync(admin, $"org-user-changed-{suffix}");
        }
    }

    [Fact]
    public async Task WithdrawAPledgeAndAHazardCampaign()
    {
        foreach (var phone in new[] { false, true })
        {
            var suffix = phone ? "360" : "desktop";
            var pledge = await PledgeKit.LaunchAsync(app, "qs.safety", ["青山县实验小学"]);
            var officer = await app.NewPageAsync(phone);
            await BrowserFixture.LoginAsync(officer, "qs.safety");
            await officer.GotoAsync($"/pledges/campaigns/{pledge}");
            await officer.GetByTestId("withdraw").Locator("textarea[name='Reason']").FillAsync("模板选错，重新发起");
            await BrowserFixture.ShotAsync(officer, $"pledges-campaign-withdraw-{suffix}");
            await officer.GetByTestId("withdraw").Locator("input[name='Confirm']").CheckAsync();
            await officer.GetByTestId("withdraw").GetByRole(AriaRole.Button, new() { Name = "撤回活动" }).ClickAsync();
            await Assertions.Expect(officer.GetByTestId("withdrawn-facts")).ToContainTextAsync("模板选错，重新发起");
            await BrowserFixture.AssertNoHorizontalScrollAsync(officer);
            await BrowserFixture.ShotAsync(officer, $"pledges-campaign-withdrawn-{suffix}");

            await officer.GotoAsync("/hazards/campaigns");
            await officer.Locator("details[data-testid='new-campaign'] summary").ClickAsync();
            await officer.Locator("input[name='Input.Name']").FillAsync($"误发专项检查{suffix}");
            await officer.Locator("input[name='Input.Audience'][value='Picked']").CheckAsync();
            await officer.GetByTestId("pick-schools").GetByLabel("青山县实验小学").CheckAsync();
            await officer.GetByTestId("create-campaign").ClickAsync();
            await officer.WaitForURLAsync(new Regex("/hazards/campaigns/[0-9a-f-]{36}$"));
            await officer.GetByTestId("withdraw").Locator("textarea[name='Reason']").FillAsync("范围选错");
            await officer.GetByTestId("withdraw").Locator("input[name='Confirm']").CheckAsync();
            await officer.GetByTestId("withdraw").GetByRole(AriaRole.Button, new() { Name = "撤回专项检查" }).ClickAsync();
            await Assertions.Expect(officer.GetByTestId("withdrawn-facts")).ToContainTextAsync("范围选错");
            await BrowserFixture.AssertNoHorizontalScrollAsync(officer);
            await BrowserFixture.ShotAsync(officer, $"hazards-campaign-withdrawn-{suffix}");

            var director = await app.NewPageAsync(phone);
            await BrowserFixture.LoginAsync(director, "qssx.director");
            await director.GotoAsync(new Uri(officer.Url).AbsolutePath);
            await Assertions.Expect(director.GetByTestId("campaign-withdrawn")).ToBeVisibleAsync();
            await BrowserFixture.ShotAsync(director, $"hazards-campaign-withdrawn-school-{suffix}");
        }
    }
}
