using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Infrastructure.Scheduling;

namespace SafeCampus.Tests.Platform;

/// <summary>Hangfire on the application's PostgreSQL database: schema, recurring jobs in China time, servers, retries.</summary>
public sealed class SchedulerShould(SchedulerShould.Fixture app) : IClassFixture<SchedulerShould.Fixture>
{
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
    public async Task RegisterEveryJobWithItsScheduleInChinaTime()
    {
        _ = app.Services; // starts the host
        await Jobs.EventuallyAsync(() => Task.FromResult(Jobs.Recurring(app).Count >= 8));
        var recurring = Jobs.Recurring(app).ToDictionary(r => r.Id, r => r);
        var expected = new Dictionary<string, string>
        {
            ["otp-housekeeping"] = "30 2 * * *",
            ["submission-housekeeping"] = "40 2 * * *",
            ["email-dispatch"] = "* * * * *",
            ["drill-reminders"] = "0 8 * * *",
            ["pledge-reminders"] = "30 8 * * *",
            ["pledge-schedules"] = "0 6 * * *",
            ["hazard-overdue"] = "30 7 * * *",
            ["defence-reminders"] = "0 8 * * *",
            ["education-reminders"] = "15 8 * * *",
            ["audit-seal"] = "* * * * *",
            ["audit-verify"] = "20 3 * * *",
            ["warning-sms"] = "* * * * *",
        };
        Assert.Equal(expected.Keys.Order(), recurring.Keys.Order());
        foreach (var (id, cron) in expected)
        {
            Assert.Equal(cron, recurring[id].Cron);
            Assert.Equal("Asia/Shanghai", recurring[id].TimeZoneId);
            Assert.Equal(id == "email-dispatch" ? Scheduling.EmailQueue : Scheduling.DefaultQueue, recurring[id].Job.Queue ?? recurring[id].Queue);
        }

        // 08:00 in China is 00:00 UTC.
        var next = recurring["defence-reminders"].NextExecution!.Value;
        Assert.Equal(0, next.Hour);
        Assert.Equal(0, next.Minute);
    }

    [Fact]
    public async Task KeepItsTablesInTheHangfireSchemaAndNoQuartzTables()
    {
        _ = app.Services;
        var tables = await Jobs.QueryAsync<string>(app.ConnectionString,
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'hangfire'");
        Assert.Superset(new HashSet<string> { "job", "state", "jobqueue", "server", "hash", "set", "lock" }, tables.ToHashSet());
        var quartz = await Jobs.QueryAsync<string>(app.ConnectionString,
            "SELECT table_name::text FROM information_schema.tables WHERE table_name LIKE 'qrtz%'");
        Assert.Empty(quartz);
    }

    [Fact]
    public async Task RetryFailedJobsWithGrowingPauses()
    {
        _ = app.Services;
        var retry = GlobalJobFilters.Filters.Select(f => f.Instance).OfType<AutomaticRetryAttribute>().Single();
        Assert.Equal(Scheduling.RetryDelaysSeconds.Length, retry.Attempts);
        Assert.Equal(Scheduling.RetryDelaysSeconds, retry.DelaysInSeconds);
        Assert.True(Scheduling.RetryDelaysSeconds.Zip(Scheduling.RetryDelaysSeconds.Skip(1)).All(p => p.First < p.Second));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task RunTheOneTimePasswordJobWhenTriggeredAndNotifyOnce()
    {
        var user = await TestUsers.CreateAsync(app, app.Org.QingshanPrimary, TestUsers.Unique("sched"), oneTimeUntil: DateTimeOffset.UtcNow.AddDays(-1));
        // The administrators above the user: the county's and the city's.
        var admins = await AdminsOfAsync(user.BureauId!.Value, app.Org.City.Id);
        Assert.True(admins.Count >= 2);
        var manager = app.Services.GetRequiredService<IRecurringJobManager>();

        manager.Trigger("otp-housekeeping");
        await Jobs.EventuallyAsync(() => Jobs.DoneAsync(app.ConnectionString, "otp-housekeeping", 1));
        Assert.Null((await TestUsers.ReloadAsync(app, user.Id)).PasswordHash);

        manager.Trigger("otp-housekeeping");
        await Jobs.EventuallyAsync(() => Jobs.DoneAsync(app.ConnectionString, "otp-housekeeping", 2));

        await using var db = TestDatabase.CreateSystemContext(app.ConnectionString);
        var perAdmin = await db.Notifications.Where(n => n.IdempotencyKey.StartsWith($"otp-expired:{user.Id}:"))
            .GroupBy(n => n.UserId).Select(g => new { UserId = g.Key, Count = g.Count() }).ToListAsync();
        Assert.Equal(admins.Order(), perAdmin.Select(p => p.UserId).Order());
        Assert.All(perAdmin, p => Assert.Equal(1, p.Count));
    }

    [Fact]
    public async Task GiveEveryNodeOnTheDatabaseADistinctServerWithTheDefaultSettings()
    {
        _ = app.Services;
        await using var second = new SecondNode(app.ConnectionString);
        await second.InitializeAsync();
        _ = second.Services;
        await Jobs.EventuallyAsync(() => Task.FromResult(Jobs.Servers(app).Count >= 2));
        var servers = Jobs.Servers(app);
        Assert.Equal(servers.Count, servers.Select(s => s.Name).Distinct().Count());
        Assert.DoesNotContain(servers, s => s.Name.StartsWith("auto", StringComparison.OrdinalIgnoreCase));
        Assert.All(servers, s => Assert.Contains(Scheduling.EmailQueue, s.Queues));
    }

    private sealed class SecondNode(string connectionString) : SchedulerAppFactory
    {
        public override Task InitializeAsync()
        {
            ConnectionString = connectionString;
            return Task.CompletedTask;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder) => base.ConfigureWebHost(builder);
    }

    private async Task<List<string>> AdminsOfAsync(params Guid[] bureauIds)
    {
        await using var db = TestDatabase.CreateSystemContext(app.ConnectionString);
        return await db.Users.Where(u => u.Role == UserRole.BureauAdmin && u.SchoolId == null && bureauIds.Contains(u.BureauId!.Value)).Select(u => u.Id).ToListAsync();
    }
}

/// <summary>Looking at Hangfire's state from a test: recurring jobs, servers, counts; waiting with a bound.</summary>
public static class Jobs
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static List<RecurringJobDto> Recurring(AppFactory app)
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs();
    }

    public static IList<Hangfire.Storage.Monitoring.ServerDto> Servers(AppFactory app) =>
        app.Services.GetRequiredService<JobStorage>().GetMonitoringApi().Servers();

    /// <summary>Runs of the named recurring job by state: Enqueued, Processing, Scheduled (a retry), Succeeded, Failed.</summary>
    public static async Task<Dictionary<string, long>> RunsAsync(string connectionString, string name)
    {
        await using var conn = new Npgsql.NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(
            "SELECT statename, count(*) FROM hangfire.job WHERE position(@name in arguments::text) > 0 GROUP BY statename", conn);
        cmd.Parameters.AddWithValue("name", name);
        await using var reader = await cmd.ExecuteReaderAsync();
        var counts = new Dictionary<string, long>();
        while (await reader.ReadAsync())
        {
            counts[reader.IsDBNull(0) ? "" : reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    /// <summary>The named job has succeeded at least <paramref name="runs"/> times and no run of it is pending.</summary>
    public static async Task<bool> DoneAsync(string connectionString, string name, int runs)
    {
        var counts = await RunsAsync(connectionString, name);
        return counts.GetValueOrDefault("Succeeded") >= runs && counts.Keys.All(k => k is "Succeeded" or "Deleted");
    }

    public static async Task<List<T>> QueryAsync<T>(string connectionString, string sql)
    {
        await using var conn = new Npgsql.NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetFieldValue<T>(0));
        }

        return rows;
    }

    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan? patience = null, Func<string>? explain = null)
    {
        var limit = patience ?? Patience;
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Condition not met within {limit.TotalSeconds} s. {explain?.Invoke()}");
            await Task.Delay(200);
        }
    }
}
