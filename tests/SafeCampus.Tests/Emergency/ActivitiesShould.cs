using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Drills;
using SafeCampus.Web.Features.Emergency;

namespace SafeCampus.Tests.Emergency;

/// <summary>Large activities: apply with a plan, the county approves before the date, a summary only once approved; who may do each step.</summary>
public sealed class ActivitiesShould : IClassFixture<EmergencyFixture>
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private readonly EmergencyFixture _app;

    public ActivitiesShould(EmergencyFixture app)
    {
        _app = app;
        _app.Clock.Set(EmergencyFixture.Now);
    }

    private static Upload Plan() => new(new MemoryStream("%PDF-1.4 安全预案"u8.ToArray()), "春游安全预案.pdf");

    private static ActivityApplication Application(string title, int days = 3) =>
        new(title, Today.AddDays(days), "青山森林公园", 120, 10, "租用大巴 3 辆", "湘A12345 等 3 辆，核载 45 人", "王师傅 A1 驾照", "已购买校方责任险和意外险", 118);

    private Task<LargeActivity> ApplyAsync(string title, string user = "qs1z.director", int days = 3) =>
        _app.AsAsync<ActivityService, LargeActivity>(user, s => s.ApplyAsync(Application(title, days), Plan()));

    private async Task<LargeActivity> LoadAsync(Guid id)
    {
        await using var db = _app.Db();
        return await db.Activities.AsNoTracking().SingleAsync(a => a.Id == id);
    }

    [Fact]
    public async Task GoFromApplicationToApprovalToSummaryByTheRightPeople()
    {
        var activity = await ApplyAsync("高一年级春游");
        Assert.Contains("qs.safety", await _app.NotifiedUsersAsync($"activity:{activity.Id}:submitted:"));
        Assert.DoesNotContain("yx.safety", await _app.NotifiedUsersAsync($"activity:{activity.Id}:submitted:"));

        await Assert.ThrowsAsync<EmergencyNotFoundException>(() => _app.AsAsync<ActivityService>("yx.safety", s => s.ReviewAsync(activity.Id, activity.Version, true, null)));
        var school = await Assert.ThrowsAsync<DomainException>(() => _app.AsAsync<ActivityService>("qs1z.principal", s => s.ReviewAsync(activity.Id, activity.Version, true, null)));
        Assert.Equal("Emergency.BureauOnly", school.Code);
        var noReason = await Assert.ThrowsAsync<DomainException>(() => _app.AsAsync<ActivityService>("qs.safety", s => s.ReviewAsync(activity.Id, activity.Version, false, " ")));
        Assert.Equal("Emergency.TextRequired", noReason.Code);

        await _app.AsAsync<ActivityService>("qs.safety", s => s.ReviewAsync(activity.Id, activity.Version, true, "同意，注意途中安全"));
        var approved = await LoadAsync(activity.Id);
        Assert.Equal((ActivityState.Approved, "陈晓燕"), (approved.State, approved.ReviewedBy));
        Assert.Contains("qs1z.director", await _app.NotifiedUsersAsync($"activity:{activity.Id}:reviewed:"));

        var early = await Assert.ThrowsAsync<DomainException>(() => _app.AsAsync<ActivityService>("qs1z.director", s => s.MarkDoneAsync(activity.Id, approved.Version, "顺利")));
        Assert.Equal("Emergency.ActivityNotYet", early.Code);
        _app.Clock.Set(EmergencyFixture.Now.AddDays(3));
        var staff = await Assert.ThrowsAsync<DomainException>(() => _app.AsAsync<ActivityService>("qs1z.teacher", s => s.MarkDoneAsync(activity.Id, approved.Version, "顺利")));
        Assert.Equal("Emergency.NotAllowed", staff.Code);
        await _app.AsAsync<ActivityService>("qs1z.director", s => s.MarkDoneAsync(activity.Id, approved.Version, "活动顺利，无安全事故。"));
        Assert.Equal(ActivityState.Done, (await LoadAsync(activity.Id)).State);
    }

    [Fact]
    public async Task RefuseToMarkAnActivityDoneThatWasNotApproved()
    {
        var activity = await ApplyAsync("初二社会实践");
        _app.Clock.Set(EmergencyFixture.Now.AddDays(3));
        var pending = await Assert.ThrowsAsync<DomainException>(() => _app.AsAsync<ActivityService>("qs1z.director", s => s.MarkDoneAsync(activity.Id, activity.Version, "已完成")));
        Assert.Equal("Emergency.ActivityNotApproved", pending.Code);
        Assert.Equal(ActivityState.Submitted, (await LoadAsync(activity.Id)).State);
    }

    [Fact]
    public async Task RefuseAnApprovalOnOrAfterTheActivityDateAndChangeNothing()
    {
        var activity = await ApplyAsync("高二研学", days: 1);
        _app.Clock.Set(new DateTimeOffset(2026, 11, 25, 0, 0, 1, TimeSpan.FromHours(8)));
        var late = await Assert.ThrowsAsync<DomainException>(() => _app.AsAsync<ActivityService>("qs.safety", s => s.ReviewAsync(activity.Id, activity.Version, true, null)));
        Assert.Equal("Emergency.ActivityReviewTooLate", late.Code);
        var stored = await LoadAsync(activity.Id);
        Assert.Equal((ActivityState.Submitted, (string?)null), (stored.State, stored.ReviewedBy));
    }

    [Fact]
    public async Task AnswerBadFormInputInChineseAndHideAnotherSchoolsActivity()
    {
        var client = await _app.LoginAsync("qssx.director");
        var response = await client.PostMultipartAsync("/activities/new", "activity-new", new()
        {
            ["Input.Title"] = "当天才申请的春游", ["Input.Date"] = "2026-11-24", ["Input.Place"] = "公园", ["Input.Pupils"] = "50", ["Input.Staff"] = "4",
            ["Input.Transport"] = "步行", ["Input.Insurance"] = "已购买", ["Input.Consents"] = "60",
        }, ("Plan", "plan.pdf", "%PDF-1.4 x"u8.ToArray()));
        var errors = Forms.ErrorText(await response.Content.ReadAsStringAsync());
        Assert.Contains("活动日期须在明天到一年之内", errors, StringComparison.Ordinal);
        Assert.Contains("家长同意书份数不能超过学生人数", errors, StringComparison.Ordinal);
        await using var db = _app.Db();
        Assert.False(await db.Activities.AnyAsync(a => a.Title == "当天才申请的春游"));

        var other = await ApplyAsync("一中秋游");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/activities/{other.Id}")).StatusCode);
        var officer = await _app.LoginAsync("qs.safety");
        var page = await officer.GetStringAsync("/activities");
        Assert.Contains("一中秋游", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/activities.xlsx")).StatusCode);
        Assert.DoesNotContain("一中秋游", await (await _app.LoginAsync("yx.safety")).GetStringAsync("/activities"), StringComparison.Ordinal);
    }
}
