using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;

namespace SafeCampus.Tests.Platform;

/// <summary>The Quartz scheduler on the application's PostgreSQL database: schema, clustering, jobs fired from the store.</summary>
public sealed class SchedulerShould(SchedulerShould.Fixture app) : IClassFixture<SchedulerShould.Fixture>
{
    private static readonly JobKey OtpHousekeeping = new("otp-housekeeping", "safecampus");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public sealed class Fixture : SchedulerAppFactory
    {
        public DemoOrg Org { get; private set; } = default!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await SeedDemoAsync();
            Org = await DemoOrg.LoadAsync(ConnectionString);
        }
    }

    [Fact]
    public async Task CreateTheQuartzTablesInTheApplicationDatabase()
    {
        _ = await SchedulerAsync();
        var tables = await QueryAsync<string>("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'qrtz%'");
        Assert.Superset(new HashSet<string> { "qrtz_job_details", "qrtz_triggers", "qrtz_cron_triggers", "qrtz_fired_triggers", "qrtz_scheduler_state", "qrtz_locks" },
            tables.ToHashSet());
        var jobs = await QueryAsync<string>("SELECT job_name::text FROM qrtz_job_details");
        Assert.Contains("otp-housekeeping", jobs);
        Assert.Contains("email-dispatch", jobs);
    }

    [Fact]
    public async Task RunClusteredAndCheckIn()
    {
        var scheduler = await SchedulerAsync();
        var metadata = await scheduler.GetMetadata();
        Assert.True(metadata.JobStoreClustered);
        Assert.True(metadata.JobStorePersistent);
        Assert.Equal(SchedulerStatus.Running, scheduler.Status);
        await EventuallyAsync(async () => (await QueryAsync<string>("SELECT instance_name::text FROM qrtz_scheduler_state")).Contains(scheduler.SchedulerInstanceId));
    }

    [Fact]
    public async Task FireTheOneTimePasswordJobFromTheStoreAndNotifyOnce()
    {
        var user = await TestUsers.CreateAsync(app, app.Org.QingshanPrimary, TestUsers.Unique("sched"), oneTimeUntil: DateTimeOffset.UtcNow.AddDays(-1));
        var admins = await AdminsOfAsync(user.BureauId!.Value);
        Assert.NotEmpty(admins);
        var scheduler = await SchedulerAsync();

        await scheduler.TriggerJob(OtpHousekeeping);
        await EventuallyAsync(async () => (await TestUsers.ReloadAsync(app, user.Id)).PasswordHash is null
                                          && await NotificationsAboutAsync(user.Id) == admins.Count);
        await EventuallyAsync(() => JobIdleAsync(OtpHousekeeping));

        await scheduler.TriggerJob(OtpHousekeeping);
        await EventuallyAsync(() => JobIdleAsync(OtpHousekeeping));

        await using var db = TestDatabase.CreateSystemContext(app.ConnectionString);
        var perAdmin = await db.Notifications.Where(n => n.IdempotencyKey.StartsWith($"otp-expired:{user.Id}:"))
            .GroupBy(n => n.UserId).Select(g => new { UserId = g.Key, Count = g.Count() }).ToListAsync();
        Assert.Equal(admins.Order(), perAdmin.Select(p => p.UserId).Order());
        Assert.All(perAdmin, p => Assert.Equal(1, p.Count));
    }

    [Fact]
    public async Task RegisterASecondInstanceOnTheSameDatabaseAsAClusterNode()
    {
        var scheduler = await SchedulerAsync();
        await using var second = new SecondNode(app.ConnectionString);
        await second.InitializeAsync();
        var secondScheduler = await second.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.Equal("second-node", secondScheduler.SchedulerInstanceId);
        Assert.NotEqual(scheduler.SchedulerInstanceId, secondScheduler.SchedulerInstanceId);

        await EventuallyAsync(async () =>
        {
            var nodes = await scheduler.QueryClusterNodes();
            return nodes.Any(n => n.InstanceId == "second-node" && n.State == ClusterNodeState.Alive)
                   && nodes.Any(n => n.IsCurrentNode && n.InstanceId == scheduler.SchedulerInstanceId);
        });
        var seenBySecond = await secondScheduler.QueryClusterNodes();
        Assert.Contains(seenBySecond, n => n.InstanceId == scheduler.SchedulerInstanceId && !n.IsCurrentNode);
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

    private async Task<IScheduler> SchedulerAsync() =>
        await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

    /// <summary>No manual trigger of the job is waiting and no firing of it is running.</summary>
    private async Task<bool> JobIdleAsync(JobKey job)
    {
        var waiting = await QueryAsync<string>(
            $"SELECT trigger_name::text FROM qrtz_triggers WHERE job_name = '{job.Name}' AND trigger_name <> '{job.Name}.cron'");
        var running = await QueryAsync<string>($"SELECT entry_id::text FROM qrtz_fired_triggers WHERE job_name = '{job.Name}'");
        return waiting.Count == 0 && running.Count == 0;
    }

    private async Task<List<string>> AdminsOfAsync(Guid bureauId)
    {
        await using var db = TestDatabase.CreateSystemContext(app.ConnectionString);
        return await db.Users.Where(u => u.Role == UserRole.BureauAdmin && u.BureauId == bureauId).Select(u => u.Id).ToListAsync();
    }

    private async Task<int> NotificationsAboutAsync(string userId)
    {
        await using var db = TestDatabase.CreateSystemContext(app.ConnectionString);
        return await db.Notifications.CountAsync(n => n.IdempotencyKey.StartsWith($"otp-expired:{userId}:"));
    }

    private async Task<List<T>> QueryAsync<T>(string sql)
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetFieldValue<T>(0));
        }

        return rows;
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Condition not met within {Patience.TotalSeconds} s");
            await Task.Delay(200);
        }
    }
}
