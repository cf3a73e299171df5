using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Web.Features.Drills;
using SafeCampus.Web.Features.Drills.School;
using SafeCampus.Web.Features.Home;

namespace SafeCampus.Tests.Drills.SchoolSide;

/// <summary>
/// The school's requirement status, calendar and to-dos, on 2026-11-24. 青山县第一中学 is a boarding senior school:
/// monthly drills in term, a fire, a bus and a night drill per semester, four a year.
/// </summary>
public sealed class SchoolDrillOverviewShould : IClassFixture<SchoolDrillOverviewShould.Fixture>
{
    private readonly Fixture _app;

    public SchoolDrillOverviewShould(Fixture app)
    {
        _app = app;
        _app.Clock.Set(DrillSchoolFixture.Now);
    }

    /// <summary>One planned fire drill next week, one past drill not yet filed, one returned filing.</summary>
    public sealed class Fixture : DrillSchoolFixture
    {
        public Guid Planned { get; private set; }
        public Guid Unfiled { get; private set; }
        public Guid Returned { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Planned = await ScheduleAsync("qs1z.director", Today.AddDays(3), "fire", "实验楼起火", new TimeOnly(15, 0));
            Unfiled = await ScheduleAsync("qs1z.director", Today.AddDays(-2), "stampede", "课间操楼梯拥挤");
            Returned = await ScheduleAsync("qs1z.director", Today.AddDays(-20), "earthquake", "5 级地震");
            await AddPhotoAsync("qs1z.director", Returned);
            await using (var scope = await ScopeAsAsync("qs1z.director"))
            {
                await scope.ServiceProvider.GetRequiredService<DrillService>().FileAsync(Returned, new SafeCampus.Web.Domain.DrillReport(2000, 200, 240, "总结", null, []));
            }

            await using (var scope = await ScopeAsAsync("qs.safety"))
            {
                await scope.ServiceProvider.GetRequiredService<DrillService>().ReturnAsync(Returned, "照片看不清，请补充");
            }
        }
    }

    [Fact]
    public async Task ShowEachRequirementOfTheCurrentPeriodsWithItsStateAndReason()
    {
        var client = await _app.LoginAsync("qs1z.director");
        var page = DrillPages.Text(await client.GetStringAsync("/drills"));

        // The planned fire drill counts as scheduled for the semester's fire requirement.
        Assert.Contains("本学期消防疏散演练至少 1 次", page, StringComparison.Ordinal);
        Assert.Contains("已完成 0，待审核 0，已安排 1", page, StringComparison.Ordinal);
        Assert.Contains("本学期校车乘车安全演练至少 1 次", page, StringComparison.Ordinal);
        Assert.Contains("本学期夜间疏散演练至少 1 次", page, StringComparison.Ordinal); // boarding school
        Assert.Contains("本月应急演练至少 1 次", page, StringComparison.Ordinal);
        Assert.Contains("本年度应急演练至少 4 次", page, StringComparison.Ordinal);
        Assert.Contains("已安排 3", page, StringComparison.Ordinal); // the year counts all three (the returned one too)
        Assert.Contains("2027-01-31 截止，还剩 68 天", page, StringComparison.Ordinal);
        Assert.Contains("未安排", page, StringComparison.Ordinal);
        Assert.Contains("登记演练", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowTheMonthCalendarWithLinksToTheDrillsAndMoveBetweenMonths()
    {
        var client = await _app.LoginAsync("qs1z.director");
        var html = await client.GetStringAsync("/drills");
        Assert.Contains($"href=\"/drills/{_app.Planned}\"", html, StringComparison.Ordinal);
        Assert.Contains("2026年11月", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/drills?month=2026-12#calendar\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/drills?month=2026-10#calendar\"", html, StringComparison.Ordinal);

        Assert.Contains($"href=\"/drills/{_app.Returned}\"", html, StringComparison.Ordinal); // 2026-11-04

        var december = await client.GetStringAsync("/drills?month=2026-12");
        var calendar = december[december.IndexOf("data-testid=\"calendar\"", StringComparison.Ordinal)..december.IndexOf("id=\"list\"", StringComparison.Ordinal)];
        Assert.Contains("2026年12月", calendar, StringComparison.Ordinal);
        Assert.DoesNotContain($"/drills/{_app.Planned}", calendar, StringComparison.Ordinal); // 2026-11-27 is not in December's grid
        Assert.Contains("href=\"/drills?month=2027-01#calendar\"", december, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListUnmetRequirementsUnfiledDrillsAndReturnedFilingsAsToDos()
    {
        await using var scope = await _app.ScopeAsAsync("qs1z.director");
        var todos = scope.ServiceProvider.GetServices<ITodoProvider>().OfType<DrillTodos>().Single();
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, "SafetyDirector")], "test"));

        var items = await todos.GetAsync(user, default);

        var bus = Assert.Single(items, i => i.Title == "本学期校车乘车安全演练");
        Assert.Equal((new DateOnly(2027, 1, 31), "未安排"), (bus.Due, bus.StateText));
        Assert.StartsWith("/drills/new?kind=", bus.Link, StringComparison.Ordinal);
        var fire = Assert.Single(items, i => i.Title == "本学期消防疏散演练");
        Assert.Equal("已安排", fire.StateText);
        Assert.Contains(items, i => i.Title == "本年度应急演练（至少 4 次，还差 4 次）" && i.Due == new DateOnly(2026, 12, 31));
        var unfiled = Assert.Single(items, i => i.Title.StartsWith("待备案演练", StringComparison.Ordinal));
        Assert.Equal(($"/drills/{_app.Unfiled}", "待备案"), (unfiled.Link, unfiled.StateText));
        var returned = Assert.Single(items, i => i.Title.Contains("已退回，请修改后重新提交", StringComparison.Ordinal));
        Assert.Equal(($"/drills/{_app.Returned}", "已退回", "orange"), (returned.Link, returned.StateText, returned.Tone));
        // November's drill is planned but not yet filed: still to do, as scheduled, by the end of the month.
        var month = Assert.Single(items, i => i.Title == "本月应急演练");
        Assert.Equal((new DateOnly(2026, 11, 30), "已安排"), (month.Due, month.StateText));
    }

    [Fact]
    public async Task PutTheDrillToDosOnTheSchoolHomeForTheDirectorOnly()
    {
        var director = await (await _app.LoginAsync("qs1z.director")).GetStringAsync("/");
        Assert.Contains("本学期校车乘车安全演练", director, StringComparison.Ordinal);
        Assert.Contains("2027-01-31 截止，还剩 68 天", director, StringComparison.Ordinal);
        Assert.Contains($"/drills/{_app.Unfiled}", director, StringComparison.Ordinal);

        var teacher = await (await _app.LoginAsync("qs1z.teacher")).GetStringAsync("/");
        Assert.DoesNotContain("本学期校车乘车安全演练", teacher, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowTheReturnedFilingWithTheReviewersComment()
    {
        var client = await _app.LoginAsync("qs1z.director");
        var page = DrillPages.Text(await client.GetStringAsync($"/drills/{_app.Returned}"));
        Assert.Contains("教育局已退回，请修改后重新提交", page, StringComparison.Ordinal);
        Assert.Contains("照片看不清，请补充", page, StringComparison.Ordinal);
        Assert.Contains("修改备案并重新提交", page, StringComparison.Ordinal);
    }
}
