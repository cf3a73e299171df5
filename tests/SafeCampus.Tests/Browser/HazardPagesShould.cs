using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SafeCampus.Tests.Drills.SchoolSide;
using SafeCampus.Web.Infrastructure;

namespace SafeCampus.Tests.Browser;

/// <summary>Hazard journeys in Chromium: a director files and a principal accepts on a phone; a bureau inspection ends in a notice.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class HazardPagesShould(BrowserFixture app)
{
    [Fact]
    public async Task LetASafetyDirectorFileAHazardWithAPhotoOnAPhoneAndThePrincipalAcceptIt()
    {
        var page = await app.NewPageAsync(phone: true);
        await BrowserFixture.LoginAsync(page, "qs1z.director");
        await page.GetByRole(AriaRole.Link, new() { Name = "隐患排查", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "隐患台账", Level = 1 })).ToBeVisibleAsync();
        await NoSidewaysScrollAsync(page);
        await BrowserFixture.ShotAsync(page, "hazards-ledger-360");

        await page.GetByTestId("new-hazard").ClickAsync();
        await page.Locator("input[name='Input.Place']").FillAsync("综合楼一楼配电间");
        await page.Locator("textarea[name='Input.Description']").FillAsync("配电箱门未上锁，线路裸露");
        await page.Locator("select[name='Input.Area']").SelectOptionAsync(new SelectOptionValue { Label = "用电用气" });
        var photo = Path.Combine(Path.GetTempPath(), $"hazard-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(photo, TestImages.Png(1800, 1200));
        try
        {
            await page.Locator("input[name='Photos']").SetInputFilesAsync(photo);
            await NoSidewaysScrollAsync(page);
            await BrowserFixture.ShotAsync(page, "hazards-new-360");
            await page.GetByTestId("save-hazard").ClickAsync();
            await page.WaitForURLAsync(new Regex("done=reported"));
            await Assertions.Expect(page.GetByTestId("photos").Locator("img")).ToHaveCountAsync(1);
            var url = page.Url;

            var deadline = app.Clock.Today().AddDays(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await page.Locator("input[name='Step.Responsible']").FillAsync("王建军");
            await page.Locator("input[name='Step.Deadline']").FillAsync(deadline);
            await page.Locator("#measures").FillAsync("更换门锁，包扎裸露线路");
            await page.GetByTestId("save-plan").ClickAsync();
            await page.WaitForURLAsync(new Regex("done=planned"));
            await Assertions.Expect(page.GetByTestId("plan")).ToContainTextAsync("王建军");

            // Asking for acceptance before any photo of the result: refused with the reason, nothing changes.
            await page.Locator("#rectification").FillAsync("已更换门锁，线路已重新包扎");
            await page.GetByTestId("rectify").ClickAsync();
            await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("请先上传整改后的照片");
            await BrowserFixture.ShotAsync(page, "hazards-detail-error-360");

            await page.Locator("input[name='Evidence']").SetInputFilesAsync(photo);
            await page.GetByTestId("upload-evidence").ClickAsync();
            await page.WaitForURLAsync(new Regex("done=evidence"));
            await Assertions.Expect(page.GetByTestId("evidence").Locator("img")).ToHaveCountAsync(1);
            await page.Locator("#rectification").FillAsync("已更换门锁，线路已重新包扎");
            await page.GetByTestId("rectify").ClickAsync();
            await page.WaitForURLAsync(new Regex("done=rectified"));
            await NoSidewaysScrollAsync(page);
            await BrowserFixture.ShotAsync(page, "hazards-detail-rectified-360");

            var principal = await app.NewPageAsync(phone: true);
            await BrowserFixture.LoginAsync(principal, "qs1z.principal");
            await principal.GotoAsync(new Uri(url).PathAndQuery.Split('?')[0]);
            await principal.Locator("#comment").FillAsync("现场复查合格");
            await principal.GetByTestId("accept").ClickAsync();
            await principal.WaitForURLAsync(new Regex("done=accepted"));
            await Assertions.Expect(principal.GetByTestId("accepted")).ToContainTextAsync("刘志强");
            await Assertions.Expect(principal.GetByTestId("timeline")).ToContainTextAsync("验收销号");
            await NoSidewaysScrollAsync(principal);
            await BrowserFixture.ShotAsync(principal, "hazards-detail-accepted-360");
        }
        finally
        {
            File.Delete(photo);
        }
    }

    [Fact]
    public async Task TurnABureauInspectionIntoANumberedNoticeThatTheSchoolAnswersAndTheBureauAccepts()
    {
        var officer = await app.NewPageAsync();
        await BrowserFixture.LoginAsync(officer, "qs.safety");
        await officer.GotoAsync("/hazards/inspections");
        await officer.Locator("details[data-testid='new-inspection'] summary").ClickAsync();
        await officer.Locator("select[name='Input.School']").SelectOptionAsync(new SelectOptionValue { Label = "青山县第一中学" });
        await officer.Locator("input[name='Input.Team']").FillAsync("陈晓燕、刘军");
        await BrowserFixture.ShotAsync(officer, "hazards-inspections-desktop");
        await officer.GetByTestId("record-inspection").ClickAsync();
        await officer.WaitForURLAsync(new Regex("/hazards/inspections/[0-9a-f-]{36}$"));
        var inspectionUrl = new Uri(officer.Url).PathAndQuery;

        await officer.Locator("input[name='Finding.Place']").FillAsync("实验楼二楼化学准备室");
        await officer.Locator("textarea[name='Finding.Description']").FillAsync("危化品柜只有一把锁，未落实双人双锁");
        await officer.Locator("select[name='Finding.Area']").SelectOptionAsync(new SelectOptionValue { Label = "教育教学设施与危化品" });
        await officer.GetByTestId("add-finding").ClickAsync();
        await officer.WaitForURLAsync(new Regex("done=finding"));
        await officer.Locator("input[name='Finding.Deadline']").FillAsync(app.Clock.Today().AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await officer.GetByTestId("issue-notice").ClickAsync();
        await officer.WaitForURLAsync(new Regex("done=notice"));
        await Assertions.Expect(officer.GetByTestId("notice-number")).ToContainTextAsync(new Regex("青教安整〔\\d{4}〕\\d+号"));
        await BrowserFixture.ShotAsync(officer, "hazards-inspection-notice-desktop");
        var pdfHref = await officer.GetByTestId("notice-pdf").GetAttributeAsync("href");
        var pdf = await officer.APIRequest.GetAsync(pdfHref!);
        Assert.Equal(200, pdf.Status);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);

        var school = await app.NewPageAsync(phone: true);
        await BrowserFixture.LoginAsync(school, "qs1z.director");
        await school.GotoAsync(inspectionUrl);
        await school.GetByTestId("findings").GetByRole(AriaRole.Link).First.ClickAsync();
        await school.Locator("input[name='Step.Responsible']").FillAsync("孙国华");
        await school.Locator("input[name='Step.Deadline']").FillAsync(app.Clock.Today().AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await school.Locator("#measures").FillAsync("增配一把锁，钥匙由两人分别保管");
        await school.GetByTestId("save-plan").ClickAsync();
        await school.WaitForURLAsync(new Regex("done=planned"));
        var photo = Path.Combine(Path.GetTempPath(), $"fix-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(photo, TestImages.Png(640, 480));
        try
        {
            await school.Locator("input[name='Evidence']").SetInputFilesAsync(photo);
            await school.GetByTestId("upload-evidence").ClickAsync();
            await school.WaitForURLAsync(new Regex("done=evidence"));
        }
        finally
        {
            File.Delete(photo);
        }

        await school.Locator("#rectification").FillAsync("已落实双人双锁，建立领用登记");
        await Assertions.Expect(school.GetByTestId("rectify")).ToHaveTextAsync("提交教育局验收");
        await school.GetByTestId("rectify").ClickAsync();
        await school.WaitForURLAsync(new Regex("done=rectified"));
        var hazardPath = new Uri(school.Url).AbsolutePath;

        await officer.GotoAsync(hazardPath);
        await officer.GetByTestId("accept").ClickAsync();
        await officer.WaitForURLAsync(new Regex("done=accepted"));
        await Assertions.Expect(officer.GetByTestId("accepted")).ToContainTextAsync("陈晓燕");
        await officer.GotoAsync(inspectionUrl);
        await Assertions.Expect(officer.GetByTestId("findings")).ToContainTextAsync("已验收销号");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ShowEveryHazardPageWithoutSidewaysScrolling(bool phone)
    {
        var size = phone ? "360" : "desktop";
        var school = await app.NewPageAsync(phone);
        await BrowserFixture.LoginAsync(school, "qssx.director");
        foreach (var (path, name) in new[] { ("/hazards/self-check", "self-check"), ("/hazards/figures", "figures-school"), ("/", "todo") })
        {
            var response = await school.GotoAsync(path);
            Assert.True(response!.Status == 200, $"{path} answered {response.Status}");
            await NoSidewaysScrollAsync(school);
            await BrowserFixture.ShotAsync(school, $"hazards-{name}-{size}");
        }

        await Assertions.Expect(school.Locator("ol.todo")).ToContainTextAsync("安全自查");
        var bureau = await app.NewPageAsync(phone);
        await BrowserFixture.LoginAsync(bureau, "qs.admin");
        foreach (var (path, name) in new[]
        {
            ("/hazards", "ledger-bureau"), ("/hazards/supervision", "supervision"), ("/hazards/figures", "figures"),
            ("/hazards/self-checks", "self-checks"), ("/hazards/settings", "settings"), ("/", "overview"),
        })
        {
            var response = await bureau.GotoAsync(path);
            Assert.True(response!.Status == 200, $"{path} answered {response.Status}");
            await NoSidewaysScrollAsync(bureau);
            await BrowserFixture.ShotAsync(bureau, $"hazards-{name}-{size}");
        }

        await Assertions.Expect(bureau.Locator("body")).ToContainTextAsync("未销号隐患");
    }

    private static async Task NoSidewaysScrollAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, $"{page.Url} scrolls sideways");
    }
}
