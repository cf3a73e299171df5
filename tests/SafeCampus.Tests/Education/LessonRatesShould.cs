using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Features.Education;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Education;

/// <summary>
/// Lesson rates at class, school, county and city on <see cref="EducationFixture"/>'s 20 October: the city's rule
/// (every two teaching weeks) makes three intervals due, 东县's own (every week) seven, the kindergarten's 小班 rule
/// (every four weeks) one; lessons recorded through the use case, a grade at once.
/// </summary>
public sealed class LessonRatesShould(EducationFixture app) : IClassFixture<EducationFixture>, IAsyncLifetime
{
    private static DateOnly D(int m, int d) => new(2026, m, d);

    public async Task InitializeAsync()
    {
        await using var db = app.SystemContext();
        if (await db.Lessons.AnyAsync())
        {
            return;
        }

        var (b11, b12) = (app.Class(app.B1, "一年级1班"), app.Class(app.B1, "一年级2班"));
        Assert.Equal(2, await app.RecordAsync("b1.director", D(9, 10), "防溺水", b11, b12)); // the whole grade at once
        await app.RecordAsync("b1.director", D(9, 3), "交通安全", b11);  // same interval as 10 September: credited once
        await app.RecordAsync("b1.director", D(9, 30), "消防安全", b11);
        await app.RecordAsync("b1.director", D(10, 2), "消防安全", b12); // on a holiday inside the term: counts
        var a11 = app.Class(app.A1, "一年级1班");
        foreach (var day in new[] { D(9, 2), D(9, 8), D(9, 15) })
        {
            await app.RecordAsync("a1.director", day, "交通安全", a11);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<LessonRateReport> ReportAs(string user, Guid? county = null) =>
        app.AsAsync(user, sp => sp.GetRequiredService<LessonRates>().ReportAsync(D(10, 20), county));

    [Fact]
    public async Task CreditEachIntervalUpToItsRequirementPerClass()
    {
        var classes = await app.AsAsync("city.safety", sp => sp.GetRequiredService<LessonRates>().ClassesAsync(null, D(10, 20)));
        var f = classes.ToDictionary(c => $"{c.SchoolId}/{c.Name}", c => c.Figures);
        Assert.Equal((3, 2, 3), (f[$"{app.B1.Id}/一年级1班"].Required, f[$"{app.B1.Id}/一年级1班"].Credited, f[$"{app.B1.Id}/一年级1班"].Held));
        Assert.Equal((3, 2), (f[$"{app.B1.Id}/一年级2班"].Required, f[$"{app.B1.Id}/一年级2班"].Credited));
        Assert.Equal((7, 3), (f[$"{app.A1.Id}/一年级1班"].Required, f[$"{app.A1.Id}/一年级1班"].Credited)); // 东县: every week
        Assert.Equal((1, 0), (f[$"{app.Kb.Id}/小(1)班"].Required, f[$"{app.Kb.Id}/小(1)班"].Credited)); // the age group's rule
        Assert.Equal((3, 0), (f[$"{app.Kb.Id}/大(1)班"].Required, f[$"{app.Kb.Id}/大(1)班"].Credited)); // the kindergartens' general rule
        Assert.Equal(new DateOnly(2026, 10, 25), f[$"{app.B1.Id}/一年级1班"].Current!.End);
        Assert.Equal(1, f[$"{app.B1.Id}/一年级1班"].CurrentMissing);
    }

    [Fact]
    public async Task RollUpToSchoolCountyAndCity()
    {
        var city = await ReportAs("city.safety");
        Assert.Equal((7, 17, 5, 5), (city.Total.Credited, city.Total.Required, city.Total.Classes, city.Total.ClassesBehind));
        var counties = city.Counties.ToDictionary(c => c.Name);
        Assert.Equal((4, 10), (counties["西县"].Credited, counties["西县"].Required));
        Assert.Equal((3, 7), (counties["东县"].Credited, counties["东县"].Required));
        var b1 = city.Schools.Single(s => s.SchoolId == app.B1.Id);
        Assert.Equal((4, 6, 5, 2), (b1.Credited, b1.Required, b1.Held, b1.ClassesBehind));
        Assert.Equal("2026-S2", city.TermKey);

        // A county sees its own schools only; the city's county filter gives the same rows.
        var west = await ReportAs("west.safety");
        Assert.Equal(new[] { app.B1.Id, app.Kb.Id }.Order(), west.Schools.Select(s => s.SchoolId!.Value).Order());
        Assert.Equal((4, 10), (west.Total.Credited, west.Total.Required));
        var filtered = await ReportAs("city.safety", app.West.Id);
        Assert.Equal((4, 10), (filtered.Total.Credited, filtered.Total.Required));
    }

    [Fact]
    public async Task ShowTheRatesWithTheMissingClassesOneClickAway()
    {
        using var client = await app.LoginAsync("west.safety", TestUsers.Password);
        var page = DrillText(await client.GetStringAsync("/education/rates"));
        Assert.Contains("40.0 %（4/10）", page, StringComparison.Ordinal);
        Assert.Contains("66.7 %（4/6）", page, StringComparison.Ordinal);
        var school = await client.GetStringAsync($"/education/school/{app.Kb.Id}");
        Assert.Contains("data-class=\"小(1)班\"", school, StringComparison.Ordinal);
        Assert.Contains("已逾期", school, StringComparison.Ordinal);

        // Another county's school is not found.
        var other = await client.GetAsync($"/education/school/{app.A1.Id}");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);

        var xlsx = await client.GetAsync("/education/rates.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task PutTheBureauRatesOnTheOverviewAndTheDueLessonsOnTheSchoolsToDoList()
    {
        using var bureau = await app.LoginAsync("city.safety", TestUsers.Password);
        var home = DrillText(await bureau.GetStringAsync("/"));
        Assert.Contains("安全课开课率", home, StringComparison.Ordinal);
        Assert.Contains("41.2 %", home, StringComparison.Ordinal);
        Assert.Contains("安全岗位培训率", home, StringComparison.Ordinal);

        using var school = await app.LoginAsync("b1.director", TestUsers.Password);
        var todo = DrillText(await school.GetStringAsync("/"));
        Assert.Contains("安全课：2 个班级本期未上课（2026-10-25 截止）", todo, StringComparison.Ordinal);
        Assert.Contains("必填岗位未指定人员", todo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemindEachSchoolOncePerInterval()
    {
        await using (var db = app.SystemContext())
        {
            await db.Notifications.Where(n => n.IdempotencyKey.StartsWith("edu-")).ExecuteDeleteAsync();
        }

        try
        {
            // 22 October: three days before the interval ends on the 25th.
            app.Clock.Set(new DateTimeOffset(2026, 10, 22, 8, 15, 0, TimeSpan.FromHours(8)));
            var first = await RunJobAsync();
            var second = await RunJobAsync();
            await using var db = app.SystemContext();
            var keys = await db.Notifications.Where(n => n.IdempotencyKey.StartsWith("edu-lessons:")).Select(n => n.IdempotencyKey).ToListAsync();
            var users = await db.Users.Where(u => u.UserName == "b1.director" || u.UserName == "b1.principal").Select(u => u.Id).ToListAsync();
            Assert.Equal(users.Select(u => $"edu-lessons:{app.B1.Id}:2026-S2:4:{u}").Order(StringComparer.Ordinal),
                keys.Where(k => k.Contains(app.B1.Id.ToString(), StringComparison.Ordinal)).Order(StringComparer.Ordinal));
            Assert.True(first.Lessons >= 2);
            Assert.Equal(0, second.Lessons);
            Assert.DoesNotContain(await db.Notifications.Where(n => n.IdempotencyKey.StartsWith("edu-")).Select(n => n.UserId).ToListAsync(),
                u => u == db.Users.Single(x => x.UserName == "b1.teacher").Id);
        }
        finally
        {
            app.Clock.Set(EducationFixture.Now);
        }
    }

    private async Task<EducationReminderResult> RunJobAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        using var _ = scope.ServiceProvider.GetRequiredService<TenantScope>().EnterSystem("test");
        return await ActivatorUtilities.CreateInstance<EducationReminderJob>(scope.ServiceProvider).RunAsync();
    }

    private static string DrillText(string html) => System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", " "));
}
