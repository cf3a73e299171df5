using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Tests.Platform;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Defences;
using SafeCampus.Web.Infrastructure;

namespace SafeCampus.Tests.Defences;

/// <summary>
/// Two app hosts as separate processes on one database; the one running the 三防 reminder job is killed (SIGKILL)
/// in the middle of it. The job is held mid-way deterministically: the test inserts, without committing, the
/// notification row the job will write for the last school, so the job blocks on that key with the earlier schools'
/// reminders already sent. The other node must finish the job, send each reminder once, and go on firing the job on
/// its schedule (every minute on that node, so the test need not wait for tomorrow's 08:00).
/// </summary>
public sealed class DefenceReminderFailoverShould : IAsyncLifetime
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "safecampus-tests", "failover-" + Guid.NewGuid().ToString("N"));
    private string _cs = "";
    private DefenceTestCity _city = default!;

    public async Task InitializeAsync()
    {
        _cs = await TestDatabase.CreateDatabaseAsync();
        _city = await DefenceTestCity.CreateAsync(_cs);
        var today = TimeProvider.System.Today();
        await using var db = TestDatabase.CreateSystemContext(_cs);
        var standard = DefenceStandard.Create(_city.City);
        standard.Update(Math.Min(today.Day, 28), 2, 1500, 2, 3, 2, 30, DefenceCheck.Wall);
        db.DefenceStandards.Add(standard);
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }

        return Task.CompletedTask;
    }

    private static Dictionary<string, string> NodeSettings(string name, bool everyMinute) => new()
    {
        ["Scheduler__Enabled"] = "true",
        ["Scheduler__ServerName"] = name,
        ["Scheduler__InvisibilitySeconds"] = "10",
        ["Scheduler__PollSeconds"] = "1",
        ["Scheduler__Workers"] = "2",
        ["Scheduler__Jobs__defence-reminders__Cron"] = everyMinute ? "* * * * *" : "0 8 * * *",
    };

    [Fact]
    public async Task FinishTheJobOnTheOtherNodeWhenOneIsKilledMidJobAndKeepFiringIt()
    {
        var today = TimeProvider.System.Today();
        var month = DefenceReturn.FirstOfMonth(today);
        var stage = DefenceReminderJob.Stage(today, new DateOnly(month.Year, month.Month, Math.Min(today.Day, 28)))!;
        var monthKey = DefenceMonths.Key(month);
        // In the job's own order (the database's ordering of the ids): the held key is the last one it writes.
        var expected = new List<string>();
        await using (var db = TestDatabase.CreateSystemContext(_cs))
        {
            foreach (var school in await db.Schools.OrderBy(s => s.Id).Select(s => s.Id).ToListAsync())
            {
                var users = await db.Users.Where(u => u.SchoolId == school && !u.IsDisabled && (u.Role == UserRole.SafetyDirector || u.Role == UserRole.Principal))
                    .OrderBy(u => u.Id).Select(u => u.Id).ToListAsync();
                expected.AddRange(users.Select(u => $"{DefenceReminderJob.KeyPrefix}{school}:{monthKey}:{stage}:{u}"));
            }
        }

        var held = expected[^1];

        // Hold the last key in an open transaction: the job blocks on it after sending every other reminder.
        await using var holder = new NpgsqlConnection(TestDatabase.AsOwner(_cs));
        await holder.OpenAsync();
        await using var tx = await holder.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO "Notifications" ("Id", "UserId", "ScopePath", "IdempotencyKey", "Title", "Body", "CreatedAt", "EmailState", "EmailAttempts")
            SELECT gen_random_uuid(), u."Id", u."ScopePath", @key, 'held', 'held', now(), 0, 0 FROM "AspNetUsers" u WHERE u."Id" = @user
            """, holder, tx))
        {
            insert.Parameters.AddWithValue("key", held);
            insert.Parameters.AddWithValue("user", held[(held.LastIndexOf(':') + 1)..]);
            Assert.Equal(1, await insert.ExecuteNonQueryAsync());
        }

        await using var nodeA = await AppNode.StartAsync(_cs, Path.Combine(_work, "a"), NodeSettings("node-a", everyMinute: false));
        var options = new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = false };
        var storage = new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(_cs, options), options);
        new RecurringJobManager(storage).Trigger("defence-reminders");

        // Mid-job: everything but the held key is sent and a server session waits on the held row.
        await Jobs.EventuallyAsync(async () => (await SentAsync()).Count == expected.Count - 1 && await WaitingOnLockAsync(),
            TimeSpan.FromSeconds(90), () => nodeA.Output());
        var orphan = (await Jobs.QueryAsync<long>(_cs,
            "SELECT id FROM hangfire.job WHERE statename = 'Processing' AND position('defence-reminders' in arguments::text) > 0")).Single();

        await using var nodeB = await AppNode.StartAsync(_cs, Path.Combine(_work, "b"), NodeSettings("node-b", everyMinute: true));
        var servers = storage.GetMonitoringApi().Servers().Select(s => s.Name).ToList();
        Assert.Contains(servers, s => s.StartsWith("node-a:", StringComparison.Ordinal));
        Assert.Contains(servers, s => s.StartsWith("node-b:", StringComparison.Ordinal));

        await nodeA.KillAsync();
        await tx.RollbackAsync();

        // The orphaned run is picked up by node B after the invisibility timeout and completes there.
        await Jobs.EventuallyAsync(async () => await StateOfAsync(orphan) == "Succeeded", TimeSpan.FromSeconds(120), () => nodeB.Output());
        var succeededOn = (await Jobs.QueryAsync<string>(_cs,
            $"SELECT data->>'ServerId' FROM hangfire.state WHERE jobid = {orphan} AND name = 'Processing' ORDER BY id DESC LIMIT 1")).Single();
        Assert.StartsWith("node-b:", succeededOn, StringComparison.Ordinal);

        var sent = await SentAsync();
        Assert.Equal(expected.Order(StringComparer.Ordinal), sent.Order(StringComparer.Ordinal));
        Assert.Equal(sent.Count, sent.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain(await TitlesAsync(), t => t == "held");

        // The recurring job still fires: a run created after the orphan succeeds on node B.
        await Jobs.EventuallyAsync(async () => (await Jobs.QueryAsync<long>(_cs,
                $"SELECT count(*) FROM hangfire.job WHERE statename = 'Succeeded' AND id > {orphan} AND position('defence-reminders' in arguments::text) > 0")).Single() > 0,
            TimeSpan.FromSeconds(150), () => nodeB.Output());
        Assert.Equal(expected.Count, (await SentAsync()).Count);
    }

    private async Task<List<string>> SentAsync()
    {
        await using var db = TestDatabase.CreateSystemContext(_cs);
        return await db.Notifications.Where(n => n.IdempotencyKey.StartsWith(DefenceReminderJob.KeyPrefix) && !n.IdempotencyKey.StartsWith(DefenceReminderJob.KeyPrefix + _city.CountyA.Id)
                                                 && !n.IdempotencyKey.StartsWith(DefenceReminderJob.KeyPrefix + _city.CountyB.Id))
            .Select(n => n.IdempotencyKey).ToListAsync();
    }

    private async Task<List<string>> TitlesAsync()
    {
        await using var db = TestDatabase.CreateSystemContext(_cs);
        return await db.Notifications.Select(n => n.Title).ToListAsync();
    }

    private async Task<bool> WaitingOnLockAsync()
    {
        var waiting = await Jobs.QueryAsync<long>(_cs,
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO \"Notifications\"%'");
        return waiting.Single() > 0;
    }

    private async Task<string?> StateOfAsync(long jobId) =>
        (await Jobs.QueryAsync<string>(_cs, $"SELECT statename FROM hangfire.job WHERE id = {jobId}")).SingleOrDefault();
}
