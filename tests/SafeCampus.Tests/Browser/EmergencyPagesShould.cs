using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SafeCampus.Web.Infrastructure;

namespace SafeCampus.Tests.Browser;

/// <summary>Emergency journeys in Chromium: a director reports an incident and a follow-up on a phone; an officer sends a warning and sees it read.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EmergencyPagesShould(BrowserFixture app)
{
    [Fact]
    public async Task LetADirectorReportAnIncidentAndAFollowUpOnAPhone()
    {
        var page = await app.NewPageAsync(phone: true);
        await BrowserFixture.LoginAsync(page, "qssx.director");
        await page.GetByRole(AriaRole.Link, new() { Name = "突发事件", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "突发事件报送", Level = 1 })).ToBeVisibleAsync();
        await page.GetByTestId("new-incident").ClickAsync();

        var now = app.Clock.GetUtcNow().ToChina();
        string Local(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        await page.Locator("select[name='Input.Kind']").SelectOptionAsync(new SelectOptionValue { Label = "意外伤害" });
        await page.Locator("input[name='Input.OccurredAt']").FillAsync(Local(now.AddMinutes(-40)));
        await page.Locator("input[name='Input.KnownAt']").FillAsync(Local(now.AddMinutes(-30)));
        await page.Locator("input[name='Input.Place']").FillAsync("教学楼东侧楼梯");
        await page.Locator("textarea[name='Input.Summary']").FillAsync("课间一名三年级学生在楼梯奔跑摔倒，额头擦伤。");
        await page.Locator("input[name='Input.Injured']").FillAsync("1");
        await page.Locator("textarea[name='Input.Measures']").FillAsync("校医现场包扎，已通知家长。");
        await BrowserFixture.AssertNoHorizontalScrollAsync(page);
        await BrowserFixture.ShotAsync(page, "incident-new-360");

        // Known "after" it was reported: refused with the reason in Chinese, the form kept.
        await page.Locator("input[name='Input.KnownAt']").FillAsync(Local(now.AddMinutes(30)));
        await page.GetByTestId("report-incident").ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("时间不能晚于现在");
        await Assertions.Expect(page.Locator("input[name='Input.Place']")).ToHaveValueAsync("教学楼东侧楼梯");

        await page.Locator("input[name='Input.KnownAt']").FillAsync(Local(now.AddMinutes(-30)));
        await page.GetByTestId("report-incident").ClickAsync();
        await page.WaitForURLAsync(new Regex("done=reported"));
        await Assertions.Expect(page.GetByTestId("versions").Locator("li")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("late")).ToHaveCountAsync(0);

        await page.Locator("#fu-text").FillAsync("经医院检查无大碍，学生已返回课堂。");
        await page.GetByTestId("send-follow-up").ClickAsync();
        await page.WaitForURLAsync(new Regex("done=follow-up"));
        await Assertions.Expect(page.GetByTestId("versions").Locator("li")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("versions")).ToContainTextAsync("续报");
        await BrowserFixture.AssertNoHorizontalScrollAsync(page);
        await BrowserFixture.ShotAsync(page, "incident-detail-360");

        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("续报或终报：意外伤害（教学楼东侧楼梯）");
        await BrowserFixture.ShotAsync(page, "emergency-todo-360");
    }

    [Fact]
    public async Task LetAnOfficerSendAWarningAndSeeItRead()
    {
        var officer = await app.NewPageAsync();
        await BrowserFixture.LoginAsync(officer, "yx.safety");
        await officer.GotoAsync("/warnings");
        await BrowserFixture.ShotAsync(officer, "warnings-list-desktop");
        await officer.GetByTestId("new-warning").ClickAsync();
        await officer.Locator("select[name='Input.Kind']").SelectOptionAsync(new SelectOptionValue { Label = "防溺水" });
        await officer.Locator("select[name='Input.Level']").SelectOptionAsync(new SelectOptionValue { Label = "红色" });
        await officer.Locator("input[name='Input.Title']").FillAsync("关于幼儿园防溺水安全的紧急提醒");
        await officer.Locator("textarea[name='Input.Text']").FillAsync("近期气温回升，请各园加强防溺水教育。");
        await officer.Locator("textarea[name='Input.Actions']").FillAsync("当日向家长推送防溺水提醒，排查周边水域。");
        await officer.GetByTestId("kinds").GetByLabel("幼儿园").CheckAsync();
        await BrowserFixture.ShotAsync(officer, "warning-new-desktop");
        await officer.GetByTestId("issue-warning").ClickAsync();
        await officer.WaitForURLAsync(new Regex("done=issued"));
        var path = new Uri(officer.Url).AbsolutePath;
        await Assertions.Expect(officer.GetByTestId("progress")).ToContainTextAsync("已读 0");

        var school = await app.NewPageAsync(phone: true);
        await BrowserFixture.LoginAsync(school, "yxyey.director");
        await Assertions.Expect(school.Locator("body")).ToContainTextAsync("阅读红色预警：关于幼儿园防溺水安全的紧急提醒");
        await school.GotoAsync(path);
        await school.GetByTestId("confirm-read").ClickAsync();
        await school.WaitForURLAsync(new Regex("done=read"));
        await Assertions.Expect(school.GetByTestId("read-by")).ToContainTextAsync("何平");
        await school.Locator("#reply-text").FillAsync("已向全体家长推送提醒，周边水域已排查。");
        await school.GetByTestId("send-reply").ClickAsync();
        await school.WaitForURLAsync(new Regex("done=replied"));
        await Assertions.Expect(school.GetByTestId("our-reply")).ToContainTextAsync("已向全体家长推送提醒");
        await BrowserFixture.AssertNoHorizontalScrollAsync(school);
        await BrowserFixture.ShotAsync(school, "warning-school-360");

        await officer.GotoAsync(path);
        await Assertions.Expect(officer.GetByTestId("progress")).ToContainTextAsync("已读 1，已回复 1");
        await Assertions.Expect(officer.GetByTestId("copies")).ToContainTextAsync("何平");
        await officer.GetByTestId("remind").ClickAsync();
        await officer.WaitForURLAsync(new Regex("done=reminded"));
        await Assertions.Expect(officer.GetByTestId("remind")).ToHaveCountAsync(0);
        await BrowserFixture.ShotAsync(officer, "warning-detail-desktop");
        await officer.GotoAsync("/incidents");
        await BrowserFixture.ShotAsync(officer, "incidents-bureau-desktop");
        await officer.GotoAsync("/");
        await Assertions.Expect(officer.Locator("body")).ToContainTextAsync("预警（本年）");
        await BrowserFixture.ShotAsync(officer, "emergency-overview-desktop");
    }

    [Fact]
    public async Task LetADirectorApplyForAnActivityOnAPhoneAndTheCountyApproveIt()
    {
        var page = await app.NewPageAsync(phone: true);
        await BrowserFixture.LoginAsync(page, "qs1z.director");
        await page.GotoAsync("/activities");
        await page.GetByTestId("new-activity").ClickAsync();
        var date = app.Clock.GetUtcNow().ToChina().Date.AddDays(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.Locator("input[name='Input.Title']").FillAsync("高一年级社会实践（县消防救援站）");
        await page.Locator("input[name='Input.Date']").FillAsync(date);
        await page.Locator("input[name='Input.Place']").FillAsync("青山县消防救援站");
        await page.Locator("input[name='Input.Pupils']").FillAsync("300");
        await page.Locator("input[name='Input.Staff']").FillAsync("20");
        await page.Locator("input[name='Input.Transport']").FillAsync("步行前往，沿途设护学岗");
        await page.Locator("input[name='Input.Insurance']").FillAsync("已购买校方责任险");
        await page.Locator("input[name='Input.Consents']").FillAsync("298");
        var plan = Path.Combine(Path.GetTempPath(), $"plan-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(plan, "%PDF-1.4 安全预案"u8.ToArray());
        try
        {
            await page.Locator("input[name='Plan']").SetInputFilesAsync(plan);
            await BrowserFixture.AssertNoHorizontalScrollAsync(page);
            await BrowserFixture.ShotAsync(page, "activity-new-360");
            await page.GetByTestId("submit-activity").ClickAsync();
            await page.WaitForURLAsync(new Regex("done=applied"));
        }
        finally
        {
            File.Delete(plan);
        }

        await Assertions.Expect(page.GetByTestId("state")).ToContainTextAsync("待审批");
        var path = new Uri(page.Url).AbsolutePath;
        var officer = await app.NewPageAsync();
        await BrowserFixture.LoginAsync(officer, "qs.safety");
        await officer.GotoAsync("/activities");
        await Assertions.Expect(officer.GetByTestId("calendar")).ToContainTextAsync("高一年级社会实践");
        await BrowserFixture.ShotAsync(officer, "activities-bureau-desktop");
        await officer.GotoAsync(path);
        await officer.GetByTestId("return").ClickAsync();
        await Assertions.Expect(officer.Locator(".error-summary")).ToContainTextAsync("审批意见");
        await officer.GetByTestId("approve").ClickAsync();
        await officer.WaitForURLAsync(new Regex("done=approved"));
        await Assertions.Expect(officer.GetByTestId("state")).ToContainTextAsync("已批准");

        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("大型活动已批准，出发前再次检查：高一年级社会实践");
        foreach (var (url, name) in new[] { ("/warnings", "warnings-school"), ("/incidents", "incidents-school"), ("/activities", "activities-school") })
        {
            await page.GotoAsync(url);
            await BrowserFixture.AssertNoHorizontalScrollAsync(page);
            await BrowserFixture.ShotAsync(page, $"{name}-360");
        }
    }

    [Fact]
    public async Task LetASchoolPublishARosterAndLogTheDayOnAPhoneAndTheCountySeeIt()
    {
        var page = await app.NewPageAsync(phone: true);
        await BrowserFixture.LoginAsync(page, "yxyey.director");
        await page.GotoAsync("/duty");
        await page.GetByTestId("new-roster").ClickAsync();
        var today = app.Clock.GetUtcNow().ToChina().Date;
        string Day(int d) => today.AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.Locator("input[name='Input.Title']").FillAsync("元旦假期值班安排");
        await page.Locator("input[name='Input.From']").FillAsync(Day(0));
        await page.Locator("input[name='Input.To']").FillAsync(Day(2));
        await page.Locator("textarea[name='Input.Lines']").FillAsync($"{Day(0)} 白班 何平 13907360009 郑晓梅\n{Day(1)} 白班 吴老师\n{Day(2)} 白班 何平 13907360009 郑晓梅");
        await BrowserFixture.AssertNoHorizontalScrollAsync(page);
        await page.GetByTestId("publish-roster").ClickAsync();
        await page.WaitForURLAsync(new Regex("done=published"));
        await page.GetByTestId("record-log").ClickAsync();
        await page.WaitForURLAsync(new Regex("done=logged"));
        await Assertions.Expect(page.GetByTestId("shifts")).ToContainTextAsync("一切正常");
        await BrowserFixture.AssertNoHorizontalScrollAsync(page);
        await BrowserFixture.ShotAsync(page, "duty-roster-360");

        var officer = await app.NewPageAsync();
        await BrowserFixture.LoginAsync(officer, "yx.safety");
        await officer.GotoAsync("/duty");
        await Assertions.Expect(officer.GetByTestId("on-duty")).ToContainTextAsync("何平");
        await BrowserFixture.ShotAsync(officer, "duty-bureau-desktop");
    }
}
