using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Emergency;

namespace SafeCampus.Tests.Emergency;

/// <summary>Early warnings: fan-out once per school, read and reply, one reminder, the city's warning through its counties, tenancy.</summary>
public sealed class WarningsShould : IClassFixture<EmergencyFixture>
{
    private readonly EmergencyFixture _app;

    public WarningsShould(EmergencyFixture app)
    {
        _app = app;
        _app.Clock.Set(EmergencyFixture.Now);
    }

    [Fact]
    public async Task ReachEverySchoolOfTheCountyOnceAlsoWhenTheFanOutRunsAgain()
    {
        var warning = await _app.IssueAsync("qs.safety");
        await using var db = _app.Db();
        var schools = await db.Schools.CountAsync(s => s.BureauId == _app.Org.Qingshan.Id);
        Assert.Equal(schools, await db.WarningRecipients.CountAsync(r => r.WarningId == warning.Id));
        var notified = await _app.NotificationsAsync($"warning:{warning.Id}:");
        Assert.True(notified >= schools, $"{notified} notifications for {schools} schools");

        // Run the fan-out again, twice: the same copies, the same notifications.
        for (var i = 0; i < 2; i++)
        {
            var reached = await _app.AsAsync<WarningService, int>("qs.safety", s => s.FanOutAsync(warning));
            Assert.Equal(schools, reached);
        }

        Assert.Equal(schools, await db.WarningRecipients.CountAsync(r => r.WarningId == warning.Id));
        Assert.Equal(schools, await db.WarningRecipients.Where(r => r.WarningId == warning.Id).Select(r => r.SchoolId).Distinct().CountAsync());
        Assert.Equal(notified, await _app.NotificationsAsync($"warning:{warning.Id}:"));
        Assert.Contains("qs1z.director", await _app.NotifiedUsersAsync($"warning:{warning.Id}:"));
        Assert.DoesNotContain("yxyey.director", await _app.NotifiedUsersAsync($"warning:{warning.Id}:"));
    }

    [Fact]
    public async Task GoOnlyToTheChosenKindsOfSchool()
    {
        var warning = await _app.IssueAsync("qs.safety", target: new WarningTarget([], [SchoolKind.Kindergarten]));
        await using var db = _app.Db();
        var kindergartens = await db.Schools.CountAsync(s => s.BureauId == _app.Org.Qingshan.Id && s.Kind == SchoolKind.Kindergarten);
        Assert.Equal(kindergartens, await db.WarningRecipients.CountAsync(r => r.WarningId == warning.Id));
        Assert.False(await db.WarningRecipients.AnyAsync(r => r.WarningId == warning.Id && r.SchoolId == _app.Org.QingshanFirstMiddle.Id));
    }

    [Fact]
    public async Task PassACitysWarningThroughItsCountiesWithTheirOwnCounts()
    {
        var warning = await _app.IssueAsync("city.safety");
        await _app.AsAsync<WarningService>("qs1z.director", s => s.ConfirmReadAsync(warning.Id));
        await using var db = _app.Db();
        Assert.Equal(await db.Schools.CountAsync(), await db.WarningRecipients.CountAsync(r => r.WarningId == warning.Id));
        var county = await _app.NotifiedUsersAsync($"warning-county:{warning.Id}:");
        Assert.Contains("qs.safety", county);
        Assert.Contains("yx.admin", county);

        var qingshan = await _app.AsAsync<WarningQueries, IReadOnlyList<WarningRow>>("qs.safety", q => q.BureauListAsync(2026));
        var row = qingshan.Single(r => r.Id == warning.Id);
        var qsSchools = await db.Schools.CountAsync(s => s.BureauId == _app.Org.Qingshan.Id);
        Assert.Equal((true, qsSchools, 1, 0), (row.FromAbove, row.Schools, row.Read, row.Replied));
        var yunxi = await _app.AsAsync<WarningQueries, IReadOnlyList<WarningRow>>("yx.safety", q => q.BureauListAsync(2026));
        Assert.Equal(0, yunxi.Single(r => r.Id == warning.Id).Read);
    }

    [Fact]
    public async Task CountReadsAndRepliesAndKeepTheFirstReader()
    {
        var warning = await _app.IssueAsync("qs.safety");
        await _app.AsAsync<WarningService>("qs1z.teacher", s => s.ConfirmReadAsync(warning.Id));
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        await _app.AsAsync<WarningService>("qs1z.director", s => s.ConfirmReadAsync(warning.Id));
        await _app.AsAsync<WarningService>("qssx.principal", s => s.ReplyAsync(warning.Id, "已召开会议，已开展教育。", [new(new MemoryStream(Drills.SchoolSide.TestImages.Png(8, 6)), "a.png")]));

        var teacherReply = await Assert.ThrowsAsync<DomainException>(() => _app.AsAsync<WarningService>("qs1z.teacher", s => s.ReplyAsync(warning.Id, "x", [])));
        Assert.Equal("Emergency.NotAllowed", teacherReply.Code);
        var twice = await Assert.ThrowsAsync<DomainException>(() => _app.AsAsync<WarningService>("qssx.director", s => s.ReplyAsync(warning.Id, "again", [])));
        Assert.Equal("Emergency.AlreadyReplied", twice.Code);

        var view = await _app.AsAsync<WarningQueries, WarningView?>("qs.safety", q => q.ViewAsync(warning.Id));
        Assert.Equal((2, 1), (view!.Read, view.Replied));
        var first = view.Copies.Single(c => c.SchoolId == _app.Org.QingshanFirstMiddle.Id);
        Assert.Equal(EmergencyFixture.Now, first.ReadAt);
        Assert.Equal("周丽", first.ReadBy);
        var replied = view.Copies.Single(c => c.SchoolId == _app.Org.QingshanPrimary.Id);
        Assert.Equal(("黄秀英", 1), (replied.RepliedBy, replied.Photos.Count));
    }

    [Fact]
    public async Task RemindUnreadSchoolsOnceOnly()
    {
        var warning = await _app.IssueAsync("qs.safety");
        await _app.AsAsync<WarningService>("qs1z.director", s => s.ConfirmReadAsync(warning.Id));
        await using var db = _app.Db();
        var schools = await db.WarningRecipients.CountAsync(r => r.WarningId == warning.Id);

        var reminded = await _app.AsAsync<WarningService, int>("qs.safety", s => s.RemindAsync(warning.Id));
        Assert.Equal(schools - 1, reminded);
        var again = await Assert.ThrowsAsync<DomainException>(() => _app.AsAsync<WarningService, int>("qs.admin", s => s.RemindAsync(warning.Id)));
        Assert.Equal("Emergency.NothingToRemind", again.Code);
        var notices = await _app.NotifiedUsersAsync("warning-remind:");
        Assert.Contains("qssx.director", notices);
        Assert.DoesNotContain("qs1z.director", notices);
        var school = await Assert.ThrowsAsync<DomainException>(() => _app.AsAsync<WarningService, int>("qssx.director", s => s.RemindAsync(warning.Id)));
        Assert.Equal("Emergency.BureauOnly", school.Code);
    }

    [Fact]
    public async Task RefuseAReplyToAnotherSubtreesWarningAndChangeNothing()
    {
        var warning = await _app.IssueAsync("qs.safety");
        await Assert.ThrowsAsync<EmergencyNotFoundException>(() => _app.AsAsync<WarningService>("yxyey.director", s => s.ReplyAsync(warning.Id, "外区回复", [])));
        await Assert.ThrowsAsync<EmergencyNotFoundException>(() => _app.AsAsync<WarningService>("yxyey.director", s => s.ConfirmReadAsync(warning.Id)));
        Assert.Null(await _app.AsAsync<WarningQueries, WarningView?>("yx.safety", q => q.ViewAsync(warning.Id)));

        var client = await _app.LoginAsync("yxyey.director");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/warnings/{warning.Id}")).StatusCode);
        var post = await client.PostFormAsync($"/warnings/{warning.Id}", "reply", new() { ["Input.Text"] = "外区回复" }, getUrl: "/incidents/new");
        Assert.NotEqual(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/warnings/{warning.Id}/files/{Guid.NewGuid()}")).StatusCode);
        await using var db = _app.Db();
        Assert.False(await db.WarningRecipients.AnyAsync(r => r.WarningId == warning.Id && (r.ReadAt != null || r.ReplyText != null)));
    }

    [Fact]
    public async Task IssueFromTheFormAndShowItFirstOnTheSchoolsToDoList()
    {
        var officer = await _app.LoginAsync("qs.safety");
        var bad = await officer.PostFormAsync("/warnings/new", "warning-new", new()
        {
            ["Input.Kind"] = "Drowning", ["Input.Level"] = "Red", ["Input.Title"] = "防溺水紧急通知", ["Input.Text"] = "汛期来临", ["Input.Actions"] = "开展教育",
            ["Input.ReplyBy"] = "2026-11-20",
        });
        Assert.Contains("回复期限", Forms.ErrorText(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var response = await officer.PostFormAsync("/warnings/new", "warning-new", new()
        {
            ["Input.Kind"] = "Drowning", ["Input.Level"] = "Red", ["Input.Title"] = "防溺水紧急通知", ["Input.Text"] = "汛期来临", ["Input.Actions"] = "开展教育",
            ["Input.ReplyBy"] = "2026-11-27",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = _app.Db();
        var warning = await db.Warnings.SingleAsync(w => w.Title == "防溺水紧急通知");
        Assert.Equal(1, await db.Warnings.CountAsync(w => w.Title == "防溺水紧急通知"));

        var director = await _app.LoginAsync("qssx.director");
        var home = await director.GetStringAsync("/");
        Assert.Contains("阅读红色预警：防溺水紧急通知", home, StringComparison.Ordinal);
        var confirm = await director.PostFormAsync($"/warnings/{warning.Id}", "confirm-read", []);
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Contains("回复预警落实情况：防溺水紧急通知", await director.GetStringAsync("/"), StringComparison.Ordinal);

        var list = await officer.GetStringAsync("/warnings");
        Assert.Contains("防溺水紧急通知", list, StringComparison.Ordinal);
        var xlsx = await officer.GetAsync("/warnings.xlsx?year=2026");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var sheet = SafeCampus.Web.Features.Organisation.Import.SpreadsheetReader.Read(await xlsx.Content.ReadAsByteArrayAsync(), 1000);
        Assert.Null(sheet.Error);
        Assert.Equal("标题", sheet.Rows[0].Cell(1));
        var overview = await officer.GetStringAsync("/");
        Assert.Contains("预警（本年）", overview, StringComparison.Ordinal);
    }
}
