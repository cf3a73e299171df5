using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Drills;

namespace SafeCampus.Tests.Drills.SchoolSide;

/// <summary>A school plans, photographs and files a drill through its pages; bad input changes nothing.</summary>
public sealed class SchoolDrillFilingShould : IClassFixture<DrillSchoolFixture>
{
    private const string Director = "qs1z.director";
    private readonly DrillSchoolFixture _app;

    public SchoolDrillFilingShould(DrillSchoolFixture app)
    {
        _app = app;
        _app.Clock.Set(DrillSchoolFixture.Now);
    }

    [Fact]
    public async Task ScheduleAddAPhotoAndFileADrillThroughThePages()
    {
        var client = await _app.LoginAsync(Director);
        var fire = await _app.KindIdAsync("fire");

        var form = await client.GetStringAsync("/drills/new");
        Assert.Contains("value=\"2026-11-24\"", form, StringComparison.Ordinal); // the date defaults to today
        Assert.Contains("value=\"孙国华\"", form, StringComparison.Ordinal); // the organiser to the user

        var scheduled = await client.PostFormAsync("/drills/new", "drill-plan", new()
        {
            ["Input.Date"] = "2026-11-24", ["Input.StartTime"] = "09:30", ["Input.KindId"] = fire.ToString(),
            ["Input.Scenario"] = "教学楼三楼化学实验室起火", ["Input.Location"] = "教学楼", ["Input.Organiser"] = "孙国华",
            ["Input.PlanText"] = "警报响起后按预定路线疏散到操场。",
        });
        var id = DrillPages.DrillIdFromRedirect(scheduled);
        Assert.Equal(DrillState.Scheduled, (await _app.LoadAsync(id)).State);

        var uploaded = await client.PostMultipartAsync($"/drills/{id}", "photo", [], ("Photos", "现场.png", TestImages.Png(40, 30)));
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);

        var filed = await client.PostFormAsync($"/drills/{id}", "file", DrillPages.Filing());
        Assert.True(filed.StatusCode == HttpStatusCode.Redirect, Forms.ErrorText(await filed.Content.ReadAsStringAsync()));

        var drill = await _app.LoadAsync(id);
        Assert.Equal(DrillState.Submitted, drill.State);
        Assert.Equal((1350, 50, 2860, 236, 205), (drill.StudentsParticipating, drill.StaffParticipating, drill.StudentsEnrolled, drill.StaffEnrolled, drill.EvacuationSeconds));
        Assert.Equal(["东楼梯拥挤", "个别学生未捂口鼻"], drill.Findings.Select(f => f.Text));
        Assert.Single(drill.Photos);
        Assert.Equal(0.4522m, drill.ParticipationRate); // 1400 of 3096 enrolled on the day of filing

        var page = DrillPages.Text(await client.GetStringAsync($"/drills/{id}"));
        Assert.Contains("待审核", page, StringComparison.Ordinal);
        Assert.Contains("45.2%（1,400/3,096）", page, StringComparison.Ordinal);
        Assert.Contains("3 分 25 秒", page, StringComparison.Ordinal);
        Assert.DoesNotContain("提交给教育局备案", page, StringComparison.Ordinal); // filed: no form any more
    }

    [Fact]
    public async Task RefuseParticipantsAboveEnrolmentAndKeepTheInput()
    {
        var id = await ScheduledWithPhotoAsync();
        var client = await _app.LoginAsync(Director);

        var response = await client.PostFormAsync($"/drills/{id}", "file", DrillPages.Filing(students: "3000", summary: "总结写好了"));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("参加人数不能超过学校在册学生数或教职工数。", Forms.ErrorText(html), StringComparison.Ordinal);
        Assert.Contains("value=\"3000\"", html, StringComparison.Ordinal);
        Assert.Contains("总结写好了", html, StringComparison.Ordinal);
        Assert.Contains("在册学生 2,860 人", html, StringComparison.Ordinal);
        await AssertUnfiledAsync(id);
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("120", "1")]
    public async Task RefuseAnEvacuationTimeOfZeroOrOverTwoHours(string minutes, string seconds)
    {
        var id = await ScheduledWithPhotoAsync();
        var client = await _app.LoginAsync(Director);

        var response = await client.PostFormAsync($"/drills/{id}", "file", DrillPages.Filing(minutes: minutes, seconds: seconds));

        Assert.Contains("疏散用时须大于 0 且不超过 2 小时。", Forms.ErrorText(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await AssertUnfiledAsync(id);
    }

    [Fact]
    public async Task RefuseToFileADrillBeforeItsDateAndAcceptItOnTheDay()
    {
        var id = await _app.ScheduleAsync(Director, DrillSchoolFixture.Today.AddDays(2));
        await _app.AddPhotoAsync(Director, id);
        var client = await _app.LoginAsync(Director);

        var early = await client.PostFormAsync($"/drills/{id}", "file", DrillPages.Filing());
        Assert.Contains("演练日期还没到，不能提前备案。", Forms.ErrorText(await early.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await AssertUnfiledAsync(id);

        _app.Clock.Advance(TimeSpan.FromDays(2));
        client = await _app.LoginAsync(Director); // the sign-in does not last two days
        var onTheDay = await client.PostFormAsync($"/drills/{id}", "file", DrillPages.Filing());
        Assert.Equal(HttpStatusCode.Redirect, onTheDay.StatusCode);
        Assert.Equal(DrillState.Submitted, (await _app.LoadAsync(id)).State);
    }

    [Fact]
    public async Task RefuseToFileWithoutAPhoto()
    {
        var id = await _app.ScheduleAsync(Director, DrillSchoolFixture.Today);
        var client = await _app.LoginAsync(Director);

        var response = await client.PostFormAsync($"/drills/{id}", "file", DrillPages.Filing());

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("备案至少需要上传一张演练照片。", Forms.ErrorText(html), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"photo-required\"", html, StringComparison.Ordinal);
        await AssertUnfiledAsync(id);
    }

    [Fact]
    public async Task RefuseAFileThatIsNotAnImageOrIsTooLarge()
    {
        var id = await _app.ScheduleAsync(Director, DrillSchoolFixture.Today);
        var client = await _app.LoginAsync(Director);

        var text = await client.PostMultipartAsync($"/drills/{id}", "photo", [], ("Photos", "plan.png", "这不是图片"u8.ToArray()));
        var html = await text.Content.ReadAsStringAsync();
        Assert.Contains("这不是图片文件", Forms.ErrorText(html), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"photo-error\"", html, StringComparison.Ordinal);

        var big = new byte[9 * 1024 * 1024];
        TestImages.Png(2, 2).CopyTo(big, 0);
        var large = await client.PostMultipartAsync($"/drills/{id}", "photo", [], ("Photos", "big.png", big));
        Assert.Contains("文件太大：不能超过 8 MB。", Forms.ErrorText(await large.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        Assert.Empty((await _app.LoadAsync(id)).Photos);
        await using var db = _app.SystemContext();
        Assert.Equal(0, db.StoredFiles.Count(f => f.FileName == "plan.png" || f.FileName == "big.png"));
    }

    [Fact]
    public async Task ShowRequiredFieldMessagesWhenPlanningAndSaveNothing()
    {
        var client = await _app.LoginAsync(Director);
        await using var before = _app.SystemContext();
        var count = before.Drills.Count();

        var response = await client.PostFormAsync("/drills/new", "drill-plan", new()
        {
            ["Input.Date"] = "2026-11-31", ["Input.KindId"] = "", ["Input.Scenario"] = " ", ["Input.Organiser"] = "孙国华",
        });

        var html = await response.Content.ReadAsStringAsync();
        var errors = Forms.ErrorText(html);
        Assert.Contains("请填写演练日期", errors, StringComparison.Ordinal);
        Assert.Contains("请选择有效的演练类型。", errors, StringComparison.Ordinal);
        Assert.Contains("请填写演练情景", errors, StringComparison.Ordinal);
        Assert.Contains("<div class=\"error\" id=\"Scenario-error\">", html, StringComparison.Ordinal);
        await using var after = _app.SystemContext();
        Assert.Equal(count, after.Drills.Count());
    }

    [Fact]
    public async Task OfferNightEvacuationOnlyToBoardingSchools()
    {
        var boarding = await (await _app.LoginAsync(Director)).GetStringAsync("/drills/new");
        var day = await _app.LoginAsync("qssx.director");
        var dayForm = await day.GetStringAsync("/drills/new");
        Assert.Contains("夜间疏散", boarding, StringComparison.Ordinal);
        Assert.DoesNotContain("夜间疏散", dayForm, StringComparison.Ordinal);

        var night = await _app.KindIdAsync("night");
        var response = await day.PostFormAsync("/drills/new", "drill-plan", new()
        {
            ["Input.Date"] = "2026-11-24", ["Input.KindId"] = night.ToString(), ["Input.Scenario"] = "宿舍夜间起火", ["Input.Organiser"] = "马强",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("请选择有效的演练类型。", Forms.ErrorText(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplanAndCancelAScheduledDrill()
    {
        var id = await _app.ScheduleAsync(Director, DrillSchoolFixture.Today.AddDays(5));
        var client = await _app.LoginAsync(Director);
        var quake = await _app.KindIdAsync("earthquake");

        var edit = await client.GetStringAsync($"/drills/{id}/edit");
        Assert.Contains("教学楼三楼起火", edit, StringComparison.Ordinal);
        var saved = await client.PostFormAsync($"/drills/{id}/edit", "drill-plan", new()
        {
            ["Input.Date"] = "2026-12-02", ["Input.StartTime"] = "14:00", ["Input.KindId"] = quake.ToString(),
            ["Input.Scenario"] = "4 级地震", ["Input.Location"] = "全校", ["Input.Organiser"] = "刘志强",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var drill = await _app.LoadAsync(id);
        Assert.Equal((new DateOnly(2026, 12, 2), new TimeOnly(14, 0), quake, "4 级地震"), (drill.Date, drill.StartTime, drill.KindId, drill.Scenario));

        var cancelled = await client.PostFormAsync($"/drills/{id}", "cancel", []);
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal(DrillState.Cancelled, (await _app.LoadAsync(id)).State);
        Assert.Contains("已取消", DrillPages.Text(await client.GetStringAsync($"/drills/{id}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HideTheDrillFromAnotherSchoolAndRefuseItsPosts()
    {
        var id = await ScheduledWithPhotoAsync();
        var other = await _app.LoginAsync("qssx.director");

        var page = await other.GetAsync($"/drills/{id}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain("教学楼三楼起火", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/drills/{id}/edit")).StatusCode);

        var file = await other.PostFormAsync($"/drills/{id}", "file", DrillPages.Filing(students: "10", staff: "1"), getUrl: "/drills");
        var photo = await other.PostMultipartAsync($"/drills/{id}", "photo", [], ("Photos", "x.png", TestImages.Png(4, 4)), getUrl: "/drills");
        var cancel = await other.PostFormAsync($"/drills/{id}", "cancel", [], getUrl: "/drills");
        var edit = await other.PostFormAsync($"/drills/{id}/edit", "drill-plan", new() { ["Input.Scenario"] = "改掉", ["Input.Date"] = "2026-11-24" }, getUrl: "/drills");

        // Refused: not found, or (the page has no such form for this user) sent back to the page, which is not found either.
        foreach (var r in new[] { file, photo, cancel, edit })
        {
            if (r.StatusCode == HttpStatusCode.SeeOther)
            {
                Assert.Matches($"^/drills/{id}(/edit)?\\?stale=1$", r.Headers.Location!.OriginalString);
                Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(r.Headers.Location!.OriginalString)).StatusCode);
            }
            else
            {
                Assert.True(r.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{(int)r.StatusCode}");
            }
        }

        var drill = await _app.LoadAsync(id);
        Assert.Equal((DrillState.Scheduled, "教学楼三楼起火", 1), (drill.State, drill.Scenario, drill.Photos.Count));
    }

    [Fact]
    public async Task ShowABureauOfficerTheDrillReadOnlyAndNotLetHerFileIt()
    {
        var id = await ScheduledWithPhotoAsync();
        var officer = await _app.LoginAsync("qs.safety");

        var html = await officer.GetStringAsync($"/drills/{id}");
        Assert.Contains("教学楼三楼起火", html, StringComparison.Ordinal);
        Assert.Contains("青山县第一中学", html, StringComparison.Ordinal);
        Assert.DoesNotContain("提交给教育局备案", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-shrink-photos", html, StringComparison.Ordinal);

        var response = await officer.PostFormAsync($"/drills/{id}", "file", DrillPages.Filing(), getUrl: "/");
        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        await AssertUnfiledAsync(id);

        await using var scope = await _app.ScopeAsAsync("qs.safety");
        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            scope.ServiceProvider.GetRequiredService<DrillService>().FileAsync(id, new DrillReport(10, 1, 60, "总结", null, [])));
        Assert.Equal("Drills.SchoolOnly", ex.Code);
        await AssertUnfiledAsync(id);
    }

    [Fact]
    public async Task LetStaffSeeDrillsButNotPlanOrFileThem()
    {
        var id = await ScheduledWithPhotoAsync();
        var teacher = await _app.LoginAsync("qs1z.teacher");

        var list = await teacher.GetStringAsync("/drills");
        Assert.DoesNotContain("data-testid=\"new-drill\"", list, StringComparison.Ordinal);
        var detail = await teacher.GetStringAsync($"/drills/{id}");
        Assert.DoesNotContain("提交给教育局备案", detail, StringComparison.Ordinal);
        var newForm = await teacher.GetAsync("/drills/new");
        Assert.NotEqual(HttpStatusCode.OK, newForm.StatusCode);
    }

    private async Task<Guid> ScheduledWithPhotoAsync()
    {
        var id = await _app.ScheduleAsync(Director, DrillSchoolFixture.Today);
        await _app.AddPhotoAsync(Director, id);
        return id;
    }

    private async Task AssertUnfiledAsync(Guid id)
    {
        var drill = await _app.LoadAsync(id);
        Assert.Equal(DrillState.Scheduled, drill.State);
        Assert.Null(drill.StudentsParticipating);
        Assert.Null(drill.SubmittedAt);
        Assert.Empty(drill.Findings);
    }
}
