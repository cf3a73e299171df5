using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Defences;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Defences;

/// <summary>
/// Two app instances with the scheduler on share one database and the clustered Quartz store; both fire the reminder
/// job at once. On the real clock: the city's due day is set so that today is a reminder day, whatever today is.
/// </summary>
public sealed class DefenceReminderClusterShould(DefenceReminderClusterShould.Fixture app) : IClassFixture<DefenceReminderClusterShould.Fixture>
{
    private static readonly JobKey Job = new("defence-reminders", "safecampus");

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
            builder.UseSetting("Scheduler:InstanceId", "second-node");
        }
    }

    [Fact]
    public async Task SendEachReminderOnceWhenTwoInstancesFireTogether()
    {
        var first = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await using var secondApp = new SecondNode(app.ConnectionString);
        await secondApp.InitializeAsync();
        var second = await secondApp.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.NotEqual(first.SchedulerInstanceId, second.SchedulerInstanceId);

        await Task.WhenAll(first.TriggerJob(Job).AsTask(), second.TriggerJob(Job).AsTask(), first.TriggerJob(Job).AsTask(), second.TriggerJob(Job).AsTask());

        // Four schools × (director + principal) = 8 school reminders, and on a late day one list per county officer.
        var expected = 8;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !(await IdleAsync() && (await KeysAsync()).Count >= expected))
        {
            await Task.Delay(250);
        }

        Assert.True(await IdleAsync(), "the four firings did not all finish");
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

    /// <summary>No manual trigger of the job is waiting and no firing of it is running, on either node.</summary>
    private async Task<bool> IdleAsync()
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            $"SELECT (SELECT count(*) FROM qrtz_triggers WHERE job_name = '{Job.Name}' AND trigger_name <> '{Job.Name}.cron') + (SELECT count(*) FROM qrtz_fired_triggers WHERE job_name = '{Job.Name}')", conn);
        return (long)(await cmd.ExecuteScalarAsync())! == 0;
    }
}
