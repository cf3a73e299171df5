using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Emergency;

namespace SafeCampus.Tests.Emergency;

/// <summary>Duty rosters: publish, log the day (only one's own), who is on duty today, missing rosters and logs.</summary>
public sealed class DutyShould : IClassFixture<EmergencyFixture>
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private readonly EmergencyFixture _app;

    public DutyShould(EmergencyFixture app)
    {
        _app = app;
        _app.Clock.Set(EmergencyFixture.Now);
    }

    private Task<DutyRoster> PublishAsync(string user, params DutyShiftLine[] lines) =>
        _app.AsAsync<DutyService, DutyRoster>(user, s => s.PublishAsync("寒假值班安排", Today.AddDays(-2), Today.AddDays(5), lines));

    [Fact]
    public async Task PublishALogAndShowWhoIsOnDutyTodayAndWhatIsMissing()
    {
        var roster = await PublishAsync("qs1z.director",
            new(Today.AddDays(-2), DutyShiftKind.Day, "张伟", "13907361234", "刘志强"),
            new(Today.AddDays(-1), DutyShiftKind.Day, "王芳", null, "刘志强"),
            new(Today, DutyShiftKind.Day, "李强", null, "刘志强"),
            new(Today, DutyShiftKind.Night, "赵磊", null, null));
        await _app.AsAsync<DutyService, DutyLog>("qs1z.teacher", s => s.RecordAsync(roster.Id, Today, true, "早中晚三次巡查", null));
        var twice = await Assert.ThrowsAsync<DomainException>(() => _app.AsAsync<DutyService, DutyLog>("qs1z.director", s => s.RecordAsync(roster.Id, Today, true, null, null)));
        Assert.Equal("Emergency.DutyAlreadyLogged", twice.Code);
        var future = await Assert.ThrowsAsync<DomainException>(() => _app.AsAsync<DutyService, DutyLog>("qs1z.director", s => s.RecordAsync(roster.Id, Today.AddDays(1), true, null, null)));
        Assert.Equal("Emergency.DutyDateInvalid", future.Code);
        var noEvents = await Assert.ThrowsAsync<DomainException>(() => _app.AsAsync<DutyService, DutyLog>("qs1z.director", s => s.RecordAsync(roster.Id, Today.AddDays(-1), false, null, " ")));
        Assert.Equal("Emergency.DutyEventsRequired", noEvents.Code);

        var onDuty = await _app.AsAsync<DutyService, IReadOnlyList<OnDutyRow>>("qs.safety", s => s.OnDutyAsync(Today));
        Assert.Equal([("李强", true), ("赵磊", true)], onDuty.Where(d => d.RosterId == roster.Id).Select(d => (d.Person, d.Logged)));
        var gaps = await _app.AsAsync<DutyService, IReadOnlyList<DutyGapRow>>("qs.safety", s => s.GapsAsync(Today.AddDays(-2), Today.AddDays(5)));
        Assert.Equal((true, 2), gaps.Where(g => g.SchoolId == _app.Org.QingshanFirstMiddle.Id).Select(g => (g.HasRoster, g.DaysWithoutLog)).Single());
        Assert.Contains(gaps, g => g.School == "青山县第二中学" && !g.HasRoster);
        Assert.DoesNotContain(gaps, g => g.SchoolId == _app.Org.YunxiKindergarten.Id);

        var home = await (await _app.LoginAsync("qs1z.director")).GetStringAsync("/");
        Assert.DoesNotContain("填写今日值班记录", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefuseALogForAnotherSchoolsDayAndARosterOfBadLines()
    {
        var roster = await PublishAsync("qssx.director", new DutyShiftLine(Today, DutyShiftKind.Day, "马强", null, "黄秀英"));
        await Assert.ThrowsAsync<EmergencyNotFoundException>(() => _app.AsAsync<DutyService, DutyLog>("qs1z.director", s => s.RecordAsync(roster.Id, Today, true, null, null)));
        await Assert.ThrowsAsync<EmergencyNotFoundException>(() => _app.AsAsync<DutyService, DutyLog>("yxyey.director", s => s.RecordAsync(roster.Id, Today, true, null, null)));
        var bureau = await Assert.ThrowsAsync<DomainException>(() => _app.AsAsync<DutyService, DutyLog>("qs.safety", s => s.RecordAsync(roster.Id, Today, true, null, null)));
        Assert.Equal("Emergency.DutyNotOwnDay", bureau.Code);
        await using (var db = _app.Db())
        {
            Assert.False(await db.DutyLogs.AnyAsync(l => l.RosterId == roster.Id));
        }

        var todo = await (await _app.LoginAsync("qssx.director")).GetStringAsync("/");
        Assert.Contains("填写今日值班记录", todo, StringComparison.Ordinal);

        var outside = await Assert.ThrowsAsync<DomainException>(() => PublishAsync("qssx.director", new DutyShiftLine(Today.AddDays(30), DutyShiftKind.Day, "马强", null, null)));
        Assert.Equal("Emergency.DutyLinesInvalid", outside.Code);
        var client = await _app.LoginAsync("qssx.principal");
        var response = await client.PostFormAsync("/duty/new", "roster-new", new()
        {
            ["Input.Title"] = "坏的值班表", ["Input.From"] = "2026-11-24", ["Input.To"] = "2026-11-30", ["Input.Lines"] = "2026-11-24 白班 马强\n明天 夜班 张三",
        });
        Assert.Contains("第 2 行格式不对", Forms.ErrorText(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await (await _app.LoginAsync("yx.safety")).GetAsync($"/duty/{roster.Id}")).StatusCode);
    }

    [Fact]
    public async Task LetACountyPublishItsOwnRosterWithTheLeaderOnDuty()
    {
        var roster = await PublishAsync("qs.admin", new DutyShiftLine(Today, DutyShiftKind.Day, "陈晓燕", "0736-5200000", "赵立新"));
        Assert.Equal((null, _app.Org.Qingshan.Path), (roster.SchoolId, roster.ScopePath));
        await _app.AsAsync<DutyService, DutyLog>("qs.safety", s => s.RecordAsync(roster.Id, Today, false, null, "接到一起学校停电报告，已协调供电部门处理"));
        var city = await _app.AsAsync<DutyService, IReadOnlyList<OnDutyRow>>("city.safety", s => s.OnDutyAsync(Today));
        Assert.Contains(city, d => d.RosterId == roster.Id && d.Leader == "赵立新" && d.Logged);
        var client = await _app.LoginAsync("city.safety");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/duty.xlsx?from=2026-11-24&to=2026-11-25")).StatusCode);
        Assert.Contains("陈晓燕", await client.GetStringAsync("/duty"), StringComparison.Ordinal);
    }
}
