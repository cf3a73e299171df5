using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Hangfire;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Defences;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Defences;

/// <summary>
/// Two app instances with the scheduler on share one database and Hangfire's storage; the reminder job is triggered
/// four times through both at once, so two servers run it concurrently. On the real clock: the city's due day is set so that today is a reminder day, whatever today is.
/// </summary>
public sealed class DefenceReminderClusterShould(DefenceReminderClusterShould.Fixture app) : IClassFixture<DefenceReminderClusterShould.Fixture>
{
    public sealed class Fixture : SchedulerAppFactory
    {
        public DefenceTestCity City { get; private set; } = default!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            City = await DefenceTestCity.CreateAsync(ConnectionString);
            var today = TimeProvider.System.Today();
            var scope = new TenantScope();
            scope.EnterSystem("test");
            await using var db = TestDatabase.CreateContext(ConnectionString, scope);
            var standard = DefenceStandard.Create(City.City);
            standard.Update(Math.Min(today.Day, 28), 2, 1500, 2, 3, 2, 30, DefenceCheck.Wall);
            db.DefenceStandards.Add(standard);
            await db.SaveChangesAsync();
        }
    }

    private sealed class SecondNode(string connectionString) : SchedulerAppFactory
    {
        public override Task InitializeAsync()
        {
            ConnectionString = connectionString;
            return Task.CompletedTask;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Scheduler:ServerName", "second-node");
        }
    }

    [Fact]
    public async Task SendEachReminderOnceWhenTwoInstancesFireTogether()
    {
        var first = app.Services.GetRequiredService<IRecurringJobManager>();
        await using var secondApp = new SecondNode(app.ConnectionString);
        await secondApp.InitializeAsync();
        var second = secondApp.Services.GetRequiredService<IRecurringJobManager>();
        await Platform.Jobs.EventuallyAsync(() => Task.FromResult(Platform.Jobs.Servers(app).Count == 2));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => (i % 2 == 0 ? first : second).Trigger("defence-reminders"))));

        // Four schools × (director + principal) = 8 school reminders, and on a late day one list per county officer.
        var expected = 8;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !(await IdleAsync() && (await KeysAsync()).Count >= expected))
        {
            await Task.Delay(250);
        }

        Assert.True(await IdleAsync(), "the four runs did not all succeed");
        var keys = await KeysAsync();
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        var schoolKeys = keys.Where(k => !k.Contains(app.City.CountyA.Id.ToString(), StringComparison.Ordinal)
                                         && !k.Contains(app.City.CountyB.Id.ToString(), StringComparison.Ordinal)).ToList();
        Assert.Equal(expected, schoolKeys.Count);
        foreach (var code in new[] { "p1", "p2", "j1", "k1" })
        {
            Assert.Single(schoolKeys, k => k.EndsWith(app.City.Users[$"{code}.director"], StringComparison.Ordinal));
            Assert.Single(schoolKeys, k => k.EndsWith(app.City.Users[$"{code}.principal"], StringComparison.Ordinal));
        }

        var perRecipient = await CountPerKeyAsync();
        Assert.All(perRecipient, n => Assert.Equal(1, n));
    }

    private async Task<List<string>> KeysAsync()
    {
        var scope = new TenantScope();
        scope.EnterSystem("test");
        await using var db = TestDatabase.CreateContext(app.ConnectionString, scope);
        return await db.Notifications.Where(n => n.IdempotencyKey.StartsWith(DefenceReminderJob.KeyPrefix)).Select(n => n.IdempotencyKey).ToListAsync();
    }

    private async Task<List<int>> CountPerKeyAsync()
    {
        var scope = new TenantScope();
        scope.EnterSystem("test");
        await using var db = TestDatabase.CreateContext(app.ConnectionString, scope);
        return await db.Notifications.Where(n => n.IdempotencyKey.StartsWith(DefenceReminderJob.KeyPrefix))
            .GroupBy(n => new { n.UserId, Stage = n.IdempotencyKey }).Select(g => g.Count()).ToListAsync();
    }

    /// <summary>The four runs have succeeded and nothing is queued or running, on either node.</summary>
    private Task<bool> IdleAsync() => Platform.Jobs.DoneAsync(app.ConnectionString, "defence-reminders", 4);
}
