using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Npgsql;
using NpgsqlTypes;
using SafeCampus.Web.Data.Seeding;

namespace SafeCampus.Bench;

/// <summary>One receipt case: requests (POSTs, or GET+POST pairs) that ended in the "receipt sent" page.</summary>
public sealed record ReceiptCase(string Name, int Concurrency, double Seconds, int Receipts, int Errors, Stats Latency, double ServerCpuMs, double? DatabaseCpuMs)
{
    public double PerSecond => Receipts / Seconds;

    public double? CpuCeiling => Environment.ProcessorCount * 1000 / ((ServerCpuMs + (DatabaseCpuMs ?? 0)) / Math.Max(1, Receipts));
}

public sealed record ReceiptReport(IReadOnlyList<ReceiptCase> Cases, int Issued, long AcknowledgedInDatabase, long FlaggedInDatabase, TimeSpan ServerCpu, string RateLimits);

/// <summary>
/// Parent receipts through HTTP against the running app (a child process, as in the HTTP part): receipts of the demo
/// city's current campaign are issued straight into the table (random 128-bit tokens, their SHA-256 stored, as the
/// roster import does), then concurrent clients acknowledge them — each token once — by POST /r/{token}, the form a
/// parent submits, and in a second case the way a parent does it: GET the page, then POST with its stamp. A receipt
/// counts when the answer is the 200 "receipt sent" page. Afterwards the database must hold exactly that many
/// acknowledgements. All requests come from 127.0.0.1: the app's per-IP limit (600 a minute by default) is raised
/// for this run with Pledges__RateLimits__PerIpPerMinute; the per-token limit (20 a minute) stays as configured.
/// </summary>
public static partial class ReceiptBench
{
    // Long enough for tiered compilation to settle on both paths: a server on a deadline evening has been running for hours.
    private const int WarmUpSeconds = 20;
    private const string PerIpLimit = "100000000";

    public static async Task<ReceiptReport> RunAsync(string connectionString, string workDir, BenchOptions options, CancellationToken ct)
    {
        var seconds = Math.Max(3, options.HttpSeconds);
        // Enough unused tokens for 4,000 receipts a second in every phase.
        var count = 4_000 * (WarmUpSeconds + seconds) * 2 + 10_000;
        Progress.Say($"receipts: issuing {count:N0} receipt links");
        var tokens = await IssueAsync(connectionString, count, ct);
        var environment = new Dictionary<string, string> { ["Pledges__RateLimits__PerIpPerMinute"] = PerIpLimit };
        foreach (var (key, value) in AppServer.ExperimentEnvironment())
        {
            environment[key] = value;
        }

        await using var server = await AppServer.StartAsync(connectionString, workDir, ct, environment);
        Progress.Say($"receipts: app listening on {server.BaseAddress}");
        var database = PostgresCpu.Find(connectionString);
        using var client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false, UseCookies = false, UseProxy = false, MaxConnectionsPerServer = options.Concurrency,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        }) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        var next = -1;
        string Take() => tokens[Interlocked.Increment(ref next)];
        // Each case is warmed up right before it is measured: tiered compilation (with dynamic PGO) was still
        // promoting the POST path's methods 20 s into a shared warm-up of 5 s per case (seen in the perf map's growth).
        var cases = new List<ReceiptCase>();
        foreach (var (name, withPage) in new[] { ("POST /r/{token}", false), ("GET + POST /r/{token}", true) })
        {
            await LoadAsync("warm-up", client, Take, withPage, options.Concurrency, TimeSpan.FromSeconds(WarmUpSeconds), null, null, ct);
            cases.Add(await LoadAsync(name, client, Take, withPage, options.Concurrency, TimeSpan.FromSeconds(seconds), server, database, ct));
        }
        foreach (var c in cases)
        {
            Progress.Say($"receipts: {c.Name}: {c.PerSecond:N0}/s, {c.Errors} errors");
        }

        var (acknowledged, flagged) = await CountAsync(connectionString, ct);
        var limits = $"per IP {PerIpLimit}/min (raised for the run), per token " +
                     (environment.TryGetValue("Pledges__RateLimits__PerTokenPerMinute", out var perToken) ? $"{perToken}/min (changed for this run)" : "20/min");
        if (environment.Count > 1)
        {
            limits += "; app environment changed for an experiment: " + string.Join(", ", environment.Keys);
        }

        return new ReceiptReport(cases, count, acknowledged, flagged, server.CpuTime(), limits);
    }

    private static async Task<ReceiptCase> LoadAsync(string name, HttpClient client, Func<string> take, bool withPage, int concurrency, TimeSpan duration,
        AppServer? server, PostgresCpu? database, CancellationToken ct)
    {
        var cpu = server?.CpuTime();
        var databaseCpu = database?.Total();
        var errors = 0;
        string? firstError = null;
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            var latencies = new List<double>();
            for (var i = 0; i < 200_000 && Stopwatch.GetTimestamp() < deadline; i++)
            {
                ct.ThrowIfCancellationRequested();
                var token = take();
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    var stamp = "";
                    if (withPage)
                    {
                        var page = await client.GetStringAsync(new Uri($"/r/{token}", UriKind.Relative), ct);
                        stamp = WebUtility.HtmlDecode(StampRegex().Match(page).Groups[1].Value);
                    }

                    using var form = new FormUrlEncodedContent([new("t", stamp), new("name", "王建华"), new("relationship", "父亲")]);
                    using var response = await client.PostAsync(new Uri($"/r/{token}", UriKind.Relative), form, ct);
                    var body = await response.Content.ReadAsStringAsync(ct);
                    if (response.StatusCode == HttpStatusCode.OK && body.Contains("data-testid=\"done\"", StringComparison.Ordinal))
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                        Interlocked.CompareExchange(ref firstError, $"{(int)response.StatusCode}", null);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, ex.Message, null);
                }
            }

            return latencies;
        }).ToArray();
        var all = (await Task.WhenAll(workers)).SelectMany(l => l).ToList();
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (firstError is not null)
        {
            Console.Error.WriteLine($"{name}: {errors} failed, the first: {firstError}");
        }

        return new ReceiptCase(name, concurrency, elapsed.TotalSeconds, all.Count, errors, Stats.Of(all),
            server is null || cpu is null ? 0 : (server.CpuTime() - cpu.Value).TotalMilliseconds,
            database is null || databaseCpu is null ? null : (database.Total() - databaseCpu.Value).TotalMilliseconds);
    }

    /// <summary>Receipts of the demo campaign, spread over its schools and classes of 40, issued with binary COPY.</summary>
    private static async Task<string[]> IssueAsync(string connectionString, int count, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        Guid campaign;
        await using (var cmd = new NpgsqlCommand("""SELECT "Id" FROM "PledgeCampaigns" WHERE "Title" = $1""", conn))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = DemoPledgesSeeder.CampaignTitle });
            campaign = (Guid)(await cmd.ExecuteScalarAsync(ct))!;
        }

        var schools = new List<(Guid Id, string Path)>();
        await using (var cmd = new NpgsqlCommand("""SELECT s."Id", s."ScopePath" FROM "PledgeCampaignSchools" e JOIN "Schools" s ON s."Id" = e."SchoolId" WHERE e."CampaignId" = $1""", conn))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = campaign });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                schools.Add((reader.GetGuid(0), reader.GetString(1)));
            }
        }

        var tokens = new string[count];
        var now = DateTimeOffset.UtcNow;
        await using (var writer = await conn.BeginBinaryImportAsync("""
            COPY "NoticeReceipts" ("Id", "CampaignId", "SchoolId", "ScopePath", "ClassName", "StudentName", "TokenHash", "TokenProtected",
                "ExpiresAt", "IssuedAt", "Flags") FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            for (var i = 0; i < count; i++)
            {
                var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
                tokens[i] = token;
                var (schoolId, path) = schools[i % schools.Count];
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(campaign, NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(schoolId, NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(path, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync($"压测{i / schools.Count / 40 + 1}班", NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync($"学生{i}", NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(SHA256.HashData(Encoding.ASCII.GetBytes(token)), NpgsqlDbType.Bytea, ct);
                await writer.WriteAsync("bench", NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(now.AddDays(30), NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(0, NpgsqlDbType.Integer, ct);
            }

            await writer.CompleteAsync(ct);
        }

        await using (var analyze = new NpgsqlCommand("""ANALYZE "NoticeReceipts" """, conn))
        {
            await analyze.ExecuteNonQueryAsync(ct);
        }

        return tokens;
    }

    private static async Task<(long Acknowledged, long Flagged)> CountAsync(string connectionString, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT count(*) FILTER (WHERE "AcknowledgedAt" IS NOT NULL), count(*) FILTER (WHERE "Flags" <> 0)
            FROM "NoticeReceipts" WHERE "TokenProtected" = 'bench'
            """, conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public static void Print(ReceiptReport? report, TextWriter o)
    {
        if (report is null)
        {
            return;
        }

        o.WriteLine();
        o.WriteLine("### D. Parent receipts through HTTP");
        o.WriteLine();
        o.WriteLine($"Rate limits: {report.RateLimits}. {report.Issued:N0} links issued; the database holds {report.AcknowledgedInDatabase:N0} acknowledgements " +
                    $"({report.FlaggedInDatabase:N0} flagged) — it should equal the warm-up's and both cases' receipts together.");
        o.WriteLine();
        o.WriteLine("| case | clients | receipts/s | receipts | errors | median ms | p95 ms | p99 ms | app CPU ms/receipt | PostgreSQL CPU ms/receipt | CPU ceiling/s (2 cores) |");
        o.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var c in report.Cases)
        {
            var n = Math.Max(1, c.Receipts);
            o.WriteLine($"| {c.Name} | {c.Concurrency} | {c.PerSecond:N0} | {c.Receipts:N0} | {c.Errors:N0} | {c.Latency.Median:0.0} | {c.Latency.P95:0.0} | " +
                        $"{c.Latency.P99:0.0} | {c.ServerCpuMs / n:0.00} | {(c.DatabaseCpuMs ?? 0) / n:0.00} | {c.CpuCeiling:N0} |");
        }
    }

    [GeneratedRegex("name=\"t\" value=\"([^\"]+)\"")]
    private static partial Regex StampRegex();
}
