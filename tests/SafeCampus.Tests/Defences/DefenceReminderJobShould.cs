using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Defences;
using SafeCampus.Web.Tenancy;
using static SafeCampus.Tests.Defences.DefenceTestCity;

namespace SafeCampus.Tests.Defences;

/// <summary>
/// Reminders with a controllable clock. 甲县第一小学 has submitted November's return; 甲县第二小学, 甲县第一中学 and
/// 乙县幼儿园 have not. Each school has a safety director and a principal (reminded) and a teacher (not).
/// </summary>
public sealed class DefenceReminderJobShould(DefenceReminderJobShould.Fixture app) : IClassFixture<DefenceReminderJobShould.Fixture>
{
    public sealed class Fixture : DefenceCityFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var scope = new TenantScope();
            scope.EnterSystem("test");
            await using var db = TestDatabase.CreateContext(ConnectionString, scope);
            var s = DefenceStandard.Defaults();
            var r = DefenceReturn.Start(City.Primary1, November, s, null, "t", China(11, 10));
            r.Save(Compliant(), City.Primary1, s, "t", China(11, 10));
            r.Submit("t", China(11, 10));
            db.DefenceReturns.Add(r);
            await db.SaveChangesAsync();
        }
    }

    private static readonly string[] Pending = ["p2", "j1", "k1"];

    private async Task<DefenceReminderResult> RunAtAsync(DateTimeOffset at, CancellationToken ct = default)
    {
        app.Clock.Set(at);
        await using var scope = app.Services.CreateAsyncScope();
        using var _ = scope.ServiceProvider.GetRequiredService<TenantScope>().EnterSystem("test");
        return await ActivatorUtilities.CreateInstance<DefenceReminderJob>(scope.ServiceProvider).RunAsync(ct);
    }

    private async Task<List<Notification>> NotificationsAsync(string? stage = null)
    {
        var scope = new TenantScope();
        scope.EnterSystem("test");
        await using var db = TestDatabase.CreateContext(app.ConnectionString, scope);
        var all = await db.Notifications.Where(n => n.IdempotencyKey.StartsWith(DefenceReminderJob.KeyPrefix)).ToListAsync();
        return all.Where(n => stage is null || n.IdempotencyKey.Split(':')[3] == stage).OrderBy(n => n.IdempotencyKey, StringComparer.Ordinal).ToList();
    }

    private async Task ClearAsync()
    {
        var scope = new TenantScope();
        scope.EnterSystem("test");
        await using var db = TestDatabase.CreateContext(app.ConnectionString, scope);
        await db.Notifications.ExecuteDeleteAsync();
        await db.DefenceReports.ExecuteDeleteAsync();
        await db.DefenceStandards.ExecuteDeleteAsync();
    }

    private IEnumerable<string> ExpectedKeys(string stage) =>
        Pending.SelectMany(code =>
        {
            var school = code switch { "p2" => app.City.Primary2, "j1" => app.City.Junior1, _ => app.City.Kindergarten };
            return new[] { "director", "principal" }.Select(role => $"defences:{school.Id}:2026-11:{stage}:{app.City.Users[$"{code}.{role}"]}");
        }).Order(StringComparer.Ordinal);

    [Fact]
    public async Task RemindOnTheTwentiethTheTwentyFourthAndTheDueDayThenTellSchoolsAndTheCountyWhoIsLate()
    {
        await ClearAsync();
        await RunAtAsync(China(11, 19, 8));
        Assert.Empty(await NotificationsAsync());

        var first = await RunAtAsync(China(11, 20, 8));
        Assert.Equal(6, first.Reminders);
        Assert.Equal(ExpectedKeys("before5"), (await NotificationsAsync("before5")).Select(n => n.IdempotencyKey));
        var reminder = (await NotificationsAsync("before5")).First(n => n.UserId == app.City.Users["p2.director"]);
        Assert.Contains("2026-11-25 截止，还剩 5 天", reminder.Title, StringComparison.Ordinal);
        Assert.Equal("/defences/2026-11", reminder.Link);

        await RunAtAsync(China(11, 22, 8)); // same window: nothing new
        Assert.Equal(6, (await NotificationsAsync()).Count);
        await RunAtAsync(China(11, 24, 8));
        Assert.Equal(ExpectedKeys("before1"), (await NotificationsAsync("before1")).Select(n => n.IdempotencyKey));
        await RunAtAsync(China(11, 25, 8));
        Assert.Equal(ExpectedKeys("due"), (await NotificationsAsync("due")).Select(n => n.IdempotencyKey));

        var late = await RunAtAsync(China(11, 26, 8));
        var lateNotices = await NotificationsAsync("late");
        Assert.Equal(8, late.LateNotices); // 6 school users + one list for each county's safety officer
        var countyA = lateNotices.Single(n => n.UserId == app.City.Users["a.safety"]);
        Assert.Equal($"defences:{app.City.CountyA.Id}:2026-11:late:{app.City.Users["a.safety"]}", countyA.IdempotencyKey);
        Assert.Contains("2 所学校逾期未报", countyA.Title, StringComparison.Ordinal);
        Assert.Contains("2 所学校未提交", countyA.Body, StringComparison.Ordinal);
        Assert.Equal($"/defences/bureau?month=2026-11&bureau={app.City.CountyA.Id}#late-list", countyA.Link);
        Assert.Contains("1 所学校未提交", lateNotices.Single(n => n.UserId == app.City.Users["b.safety"]).Body, StringComparison.Ordinal);
        Assert.Equal(3, late.ReportsQueued); // the city's and both counties' statistics PDFs

        var all = await NotificationsAsync();
        Assert.DoesNotContain(all, n => n.UserId.EndsWith("teacher", StringComparison.Ordinal) || n.UserId == app.City.Users["p1.director"] || n.UserId == app.City.Users["a.admin"]);
        Assert.Equal(6 * 3 + 8, all.Count);
    }

    [Fact]
    public async Task FollowTheDueDayABureauConfigured()
    {
        await ClearAsync();
        var scope = new TenantScope();
        scope.EnterSystem("test");
        await using (var db = TestDatabase.CreateContext(app.ConnectionString, scope))
        {
            var standard = DefenceStandard.Create(app.City.CountyB);
            standard.Update(20, 2, 1500, 2, 3, 2, 30, DefenceCheck.Wall);
            db.DefenceStandards.Add(standard);
            await db.SaveChangesAsync();
        }

        await RunAtAsync(China(11, 15, 8)); // five days before 乙县's 20th; 甲县 keeps the 25th
        var sent = await NotificationsAsync("before5");
        Assert.Equal(2, sent.Count);
        Assert.All(sent, n => Assert.StartsWith($"defences:{app.City.Kindergarten.Id}:", n.IdempotencyKey, StringComparison.Ordinal));
        Assert.Contains("2026-11-20 截止", sent[0].Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendEachReminderOnceWhenTheJobIsRetried()
    {
        await ClearAsync();
        var first = await RunAtAsync(China(11, 24, 8));
        var retry = await RunAtAsync(China(11, 24, 8).AddMinutes(5));

        Assert.Equal(6, first.Reminders);
        Assert.Equal(0, retry.Reminders);
        Assert.Equal(ExpectedKeys("before1"), (await NotificationsAsync()).Select(n => n.IdempotencyKey));
    }

    [Fact]
    public async Task CompleteTheRestWithoutDuplicatesAfterARunKilledHalfWay()
    {
        await ClearAsync();
        var database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database!;
        using (var kill = new CancelAfterCommands(database, "INSERT INTO \"Notifications\"", limit: 3))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAtAsync(China(11, 25, 8), kill.Token));
        }

        var half = await NotificationsAsync("due");
        Assert.Equal(3, half.Count);

        var rerun = await RunAtAsync(China(11, 25, 8).AddMinutes(1));
        Assert.Equal(3, rerun.Reminders);
        var all = await NotificationsAsync("due");
        Assert.Equal(ExpectedKeys("due"), all.Select(n => n.IdempotencyKey));
        Assert.Equal(half.Select(n => n.Id).Order(), all.Where(n => half.Any(h => h.IdempotencyKey == n.IdempotencyKey)).Select(n => n.Id).Order());
    }

    [Fact]
    public async Task NotRemindASchoolThatSubmittedMeanwhile()
    {
        await ClearAsync();
        await using (var scope = await app.ScopeAsAsync("k1.director"))
        {
            app.Clock.Set(China(11, 21, 9));
            await scope.ServiceProvider.GetRequiredService<DefenceReturnService>().SaveAsync(November,
                Compliant((DefenceFields.Guards, 2), (DefenceFields.FullTimeGuards, 2), (DefenceFields.TrainedGuards, 2), (DefenceFields.OpenGates, 1)), submit: true);
        }

        await RunAtAsync(China(11, 24, 8));
        var sent = await NotificationsAsync("before1");
        Assert.Equal(4, sent.Count);
        Assert.DoesNotContain(sent, n => n.IdempotencyKey.Contains(app.City.Kindergarten.Id.ToString(), StringComparison.Ordinal));

        var scope2 = new TenantScope();
        scope2.EnterSystem("test");
        await using var db = TestDatabase.CreateContext(app.ConnectionString, scope2);
        await db.DefenceReturns.Where(r => r.SchoolId == app.City.Kindergarten.Id).ExecuteDeleteAsync();
    }
}
