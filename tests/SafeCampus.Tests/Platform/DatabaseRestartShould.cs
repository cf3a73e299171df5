using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SafeCampus.Tests.Defences;
using SafeCampus.Tests.Drills.SchoolSide;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Defences;
using SafeCampus.Web.Infrastructure.Database;
using SafeCampus.Web.Infrastructure.Web;

namespace SafeCampus.Tests.Platform;

/// <summary>
/// PostgreSQL is restarted (<c>pg_ctl restart -m fast</c>: every session ended, connections refused until it is up
/// again) while users are in the middle of filing. The filings are held in flight deterministically: the test locks
/// the table they write into, waits until every one of them is blocked on that lock inside its transaction, then
/// restarts the server. Every filing must then be acknowledged on its first click (the app retries on a fresh
/// connection), be in the database exactly once, and nothing may be left half-written. The server is this class's
/// own, so no other test sees the restart.
/// </summary>
public sealed partial class DatabaseRestartShould(DatabaseRestartShould.Fixture app) : IClassFixture<DatabaseRestartShould.Fixture>
{
    private const int Directors = 50;

    public sealed class Fixture : AppFactory
    {
        private string _owner = "";

        public LocalPostgres Postgres { get; private set; } = default!;

        public override string OwnerConnectionString => _owner;
        public List<(School School, string UserName)> Schools { get; } = [];

        public override async Task InitializeAsync()
        {
            Postgres = LocalPostgres.StartThrowaway();
            Postgres.EnsureDatabase(DatabaseExtensions.DatabaseName);
            _owner = DatabaseExtensions.WithPoolSettings(Postgres.ConnectionString(DatabaseExtensions.DatabaseName));
            TestDatabase.Migrate(new NpgsqlConnectionStringBuilder(_owner) { Pooling = false }.ConnectionString);
            ConnectionString = TestDatabase.AsApp(_owner);
            var city = await DefenceTestCity.CreateAsync(ConnectionString);
            await using (var db = Db())
            {
                var county = await db.Bureaus.SingleAsync(b => b.Id == city.CountyA.Id);
                for (var i = 0; i < Directors; i++)
                {
                    var school = School.Create(county, new SchoolDetails($"重启测试第{i + 1:00}小学", SchoolKind.Primary, false, false, 800, 60, 20, null), Clock.GetUtcNow());
                    db.Schools.Add(school);
                    Schools.Add((school, $"restart{i:00}.director"));
                }

                await db.SaveChangesAsync();
            }

            foreach (var (school, user) in Schools)
            {
                await TestUsers.CreateAsync(this, school, user, role: UserRole.SafetyDirector);
            }
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            Postgres.Dispose();
        }

        public async Task<NpgsqlConnection> AdminAsync()
        {
            var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_owner) { Pooling = false }.ConnectionString);
            await conn.OpenAsync();
            return conn;
        }
    }

    [Fact]
    public async Task AcknowledgeEveryReturnInFlightDuringARestartAndStoreEachOnce()
    {
        var month = DefenceMonths.Current(app.Clock);
        var url = $"/defences/{DefenceMonths.Key(month)}";
        var clients = await Task.WhenAll(app.Schools.Select(s => app.LoginAsync(s.UserName, TestUsers.Password)));
        var posts = new List<Func<Task<HttpResponseMessage>>>();
        foreach (var client in clients)
        {
            // The form as a phone has it open: its token, the values, the submission key durable-forms.js adds.
            var fields = DefenceTestCity.Compliant().ToDictionary(kv => DefenceInput.FieldName(kv.Key), kv => kv.Value.ToString(CultureInfo.InvariantCulture));
            fields["Input.Action"] = "submit";
            fields[DurableSubmissionMiddleware.Field] = Guid.NewGuid().ToString();
            posts.Add(await PreparedPostAsync(client, url, DefenceInput.FormName, fields));
        }

        var responses = await RestartWhileBlockedAsync("DefenceReturns", posts);

        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal($"{url}?done=submitted", response.Headers.Location!.OriginalString);
        }

        var ids = app.Schools.Select(s => s.School.Id).ToList();
        var stored = await app.QueryAsync(db => db.DefenceReturns.AsNoTracking().Include(r => r.Values)
            .Where(r => ids.Contains(r.SchoolId) && r.Month == month).ToListAsync());
        Assert.Equal(Directors, stored.Count);
        Assert.Equal(Directors, stored.Select(r => r.SchoolId).Distinct().Count());
        Assert.All(stored, r => Assert.Equal((DefenceReturnState.Submitted, DefenceFields.All.Count), (r.State, r.Values.Count)));
        var keys = stored.Select(r => r.Id.ToString()).ToList();
        var audits = await app.QueryAsync(db => db.AuditEntries.Where(a => a.Entity == nameof(DefenceReturn) && keys.Contains(a.EntityKey))
            .GroupBy(a => a.EntityKey).Select(g => g.Count()).ToListAsync());
        Assert.Equal(Enumerable.Repeat(1, Directors), audits);
        // Every submission key was answered and records where it went: a resend from a phone gets the same answer.
        Assert.Equal(0, await app.QueryAsync(db => db.FormSubmissions.CountAsync(s => s.Location == null)));
    }

    [Fact]
    public async Task AcknowledgeEveryHazardWithItsPhotoInFlightDuringARestartAndStoreEachOnce()
    {
        const int Reporters = 10;
        var posts = new List<Func<Task<HttpResponseMessage>>>();
        foreach (var (_, user) in app.Schools.Take(Reporters))
        {
            var client = await app.LoginAsync(user, TestUsers.Password);
            posts.Add(await PreparedPostAsync(client, "/hazards/new", "hazard-new", new()
            {
                ["Input.Place"] = "校门口",
                ["Input.Description"] = $"重启时上报：{user}",
                ["Input.Area"] = "用电用气",
                ["Input.Grade"] = "General",
                ["Input.FoundOn"] = app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["Input.FoundBy"] = "马强",
                [DurableSubmissionMiddleware.Field] = Guid.NewGuid().ToString(),
            }, ("Photos", "gate.png", TestImages.Png(40, 30))));
        }

        // The photo's file row is written first in the same transaction; the hazard's insert is the one held.
        var responses = await RestartWhileBlockedAsync("Hazards", posts);

        var hazards = await app.QueryAsync(db => db.Hazards.AsNoTracking().Include(h => h.Photos)
            .Where(h => h.Description.StartsWith("重启时上报")).ToListAsync());
        Assert.Equal(Reporters, hazards.Count);
        Assert.Equal(Reporters, hazards.Select(h => h.Description).Distinct().Count());
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Matches(HazardLocation(), response.Headers.Location!.PathAndQuery());
        }

        Assert.All(hazards, h => Assert.Single(h.Photos));
        var files = hazards.Select(h => h.Photos.Single().FileId).ToList();
        // Each photo stored once, whole: no file row left by the attempt the restart broke.
        var stored = await app.QueryAsync(db => db.StoredFiles.Select(f => new { f.Id, f.Length }).ToListAsync());
        Assert.Equal(files.Order(), stored.Select(f => f.Id).Order());
        Assert.All(stored, f => Assert.Equal(TestImages.Png(40, 30).Length, f.Length));
    }

    /// <summary>
    /// Locks <paramref name="table"/> against writes, starts every post, waits until each one is blocked on the lock
    /// inside its transaction, restarts PostgreSQL and returns the answers (within two minutes).
    /// </summary>
    private async Task<HttpResponseMessage[]> RestartWhileBlockedAsync(string table, List<Func<Task<HttpResponseMessage>>> posts)
    {
        await using var holder = await app.AdminAsync();
        await using (var begin = new NpgsqlCommand($"""BEGIN; LOCK TABLE "{table}" IN SHARE MODE""", holder))
        {
            await begin.ExecuteNonQueryAsync();
        }

        // Watched from a second session: inside the holder's transaction pg_stat_activity would show one snapshot.
        await using var watcher = await app.AdminAsync();
        var running = posts.Select(p => Task.Run(p)).ToList();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        long blocked = 0;
        while (blocked < posts.Count)
        {
            if (DateTime.UtcNow > deadline || running.Any(t => t.IsCompleted))
            {
                await using var activity = new NpgsqlCommand("""
                    SELECT string_agg(coalesce(state, '') || ' ' || coalesce(wait_event_type, '') || ' ' || coalesce(wait_event, '') || ' ' || left(query, 80), E'\n')
                    FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
                    """, watcher);
                var answered = running.Where(t => t.IsCompleted).Select(t => t.IsCompletedSuccessfully ? ((int)t.Result.StatusCode).ToString(CultureInfo.InvariantCulture) : t.Exception!.GetBaseException().Message);
                throw new InvalidOperationException($"Only {blocked} of {posts.Count} writes reached the lock on {table}; " +
                    $"answered before the restart: {string.Join(", ", answered)}\n{await activity.ExecuteScalarAsync()}");
            }

            await Task.Delay(100);
            await using var count = new NpgsqlCommand("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()
                """, watcher);
            blocked = (long)(await count.ExecuteScalarAsync())!;
        }

        app.Postgres.Restart();

        var all = Task.WhenAll(running);
        if (await Task.WhenAny(all, Task.Delay(TimeSpan.FromMinutes(2))) != all)
        {
            throw new TimeoutException($"{running.Count(t => !t.IsCompleted)} of {posts.Count} posts did not answer within 2 minutes of the restart.");
        }

        return await all;
    }

    /// <summary>Opens the form's page now (for its antiforgery token) and returns the post, to be sent later.</summary>
    private static async Task<Func<Task<HttpResponseMessage>>> PreparedPostAsync(HttpClient client, string url, string formName,
        Dictionary<string, string> fields, (string Field, string FileName, byte[] Content)? file = null)
    {
        var page = await client.GetStringAsync(url);
        var token = WebUtility.HtmlDecode(TokenRegex().Match(page).Groups[1].Value);
        Assert.NotEmpty(token);
        return async () =>
        {
            using var content = new MultipartFormDataContent
            {
                { new StringContent(formName), "_handler" },
                { new StringContent(token), "__RequestVerificationToken" },
            };
            foreach (var (k, v) in fields)
            {
                content.Add(new StringContent(v), k);
            }

            if (file is { } f)
            {
                content.Add(new ByteArrayContent(f.Content), f.Field, f.FileName);
            }

            return await client.PostAsync(url, content);
        };
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();

    [GeneratedRegex("^/hazards/[0-9a-f-]{36}\\?done=reported$")]
    private static partial Regex HazardLocation();
}
