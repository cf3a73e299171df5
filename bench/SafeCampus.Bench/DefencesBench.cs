using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Defences;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Infrastructure.Excel;
using SafeCampus.Web.Infrastructure.Pdf;

namespace SafeCampus.Bench;

/// <summary>The 三防 figures: the statistics PDF and Excel of a 1,000-school county (unless skipped), and the deadline-day spike.</summary>
public sealed record DefencesFigures(StatisticsFigures? Statistics, SpikeFigures Spike)
{
    public void Print(TextWriter w)
    {
        var c = CultureInfo.InvariantCulture;
        w.WriteLine();
        w.WriteLine("### Three defences (三防): statistics PDF and Excel, deadline-day spike");
        if (Statistics is { } st)
        {
            w.WriteLine();
            w.WriteLine(string.Create(c, $"A county of {st.Schools:N0} schools, each with twelve months of returns (27 fields). Statistics table built in SQL, then rendered."));
            w.WriteLine();
            w.WriteLine("| output | runs | median ms | p95 ms | max ms | size | peak memory |");
            w.WriteLine("|---|---:|---:|---:|---:|---:|---|");
            w.WriteLine(string.Create(c, $"| PDF (A4 landscape, table + trends) | {st.PdfMs.Count} | {st.PdfMs.Median:N0} | {st.PdfMs.P95:N0} | {st.PdfMs.Max:N0} | {st.PdfBytes / 1024.0:N0} KiB | bench process {Mib(st.PdfPeakBenchBytes)}, Chromium {Mib(st.PdfPeakChromiumBytes)} |"));
            w.WriteLine(string.Create(c, $"| Excel (.xlsx, two-level header) | {st.ExcelMs.Count} | {st.ExcelMs.Median:N0} | {st.ExcelMs.P95:N0} | {st.ExcelMs.Max:N0} | {st.ExcelBytes / 1024.0:N0} KiB | bench process {Mib(st.ExcelPeakBenchBytes)}, {Mib(st.ExcelAllocatedBytes)} allocated per run |"));
        }

        var sp = Spike;
        w.WriteLine();
        w.WriteLine(string.Create(c, $"Deadline-day spike: {sp.Schools} schools' safety directors signed in, {sp.Concurrency} requests at a time, each school ") +
                    "submitting its returns (all 27 fields, \"submit\") through the real app over HTTP. *POST*: each director opened the form once for its " +
                    "antiforgery token, then posts month after month; *GET + POST*: every return opens the month's form first. Warm-up rounds are not measured; " +
                    "between rounds the spike county's returns are deleted and vacuumed (not measured) so that months can be filed again.");
        w.WriteLine();
        w.WriteLine("| case | returns | errors | seconds | returns/s | p50 / p95 / p99 ms | app CPU ms/return | PostgreSQL CPU ms/return | CPU ceiling/s (2 cores) | ÷ pgbench tps |");
        w.WriteLine("|---|---:|---:|---:|---:|---|---:|---:|---:|---:|");
        foreach (var k in new[] { sp.Posts, sp.Cycles })
        {
            var n = Math.Max(1, k.Returns);
            w.WriteLine(string.Create(c, $"| {k.Name} | {k.Returns:N0} | {k.Errors} | {k.Seconds:N1} | {k.PerSecond:N1} | {k.Latency.Median:N1} / {k.Latency.P95:N1} / {k.Latency.P99:N1} | {k.AppCpuMs / n:N2} | {(k.DatabaseCpuMs is { } d ? (d / n).ToString("N2", c) : "—")} | {Environment.ProcessorCount * 1000.0 / ((k.AppCpuMs + (k.DatabaseCpuMs ?? 0)) / n):N0} | {(sp.PgbenchTps is { } p ? (k.PerSecond / p).ToString("P1", c) : "—")} |"));
        }

        w.WriteLine();
        w.WriteLine(string.Create(c, $"pgbench TPC-B tps, same server (`{sp.PgbenchCommand}`), one run right after each measured POST round: ") +
                    (sp.PgbenchTps is { } t ? string.Create(c, $"mean {t:N0} ({string.Join(", ", sp.PgbenchSamples.Select(x => x.ToString("N0", c)))}).") : "not run."));
    }

    private static string Mib(long bytes) => (bytes / 1024.0 / 1024.0).ToString("N0", CultureInfo.InvariantCulture) + " MiB";
}

public sealed record StatisticsFigures(int Schools, Stats PdfMs, long PdfBytes, long PdfPeakBenchBytes, long PdfPeakChromiumBytes, Stats ExcelMs, long ExcelBytes,
    long ExcelAllocatedBytes, long ExcelPeakBenchBytes);

public sealed record SpikeFigures(int Schools, int Concurrency, SpikeCase Posts, SpikeCase Cycles, IReadOnlyList<double> PgbenchSamples, string PgbenchCommand,
    TimeSpan ServerCpu)
{
    /// <summary>pgbench's mean over its runs, each right after a measured POST round.</summary>
    public double? PgbenchTps => PgbenchSamples.Count == 0 ? null : PgbenchSamples.Average();
}

/// <summary>Returns filed in one case of the spike: a 302 to the month's page counts.</summary>
public sealed record SpikeCase(string Name, int Returns, int Errors, double Seconds, Stats Latency, double AppCpuMs, double? DatabaseCpuMs)
{
    public double PerSecond => Returns / Math.Max(0.001, Seconds);
}

public static class DefencesBench
{
    private const int Schools = 1_000;
    private const int Runs = 5;
    private const int SpikeSchools = 200;

    /// <summary>Seconds of each pgbench run; one runs right after each measured POST round.</summary>
    private const int PgbenchSeconds = 5;

    /// <summary>Months a school can file: this one and the 36 before it (the form's limit is three years back).</summary>
    private const int SpikeMonths = 36;

    public static async Task<DefencesFigures> RunAsync(BenchApp app, Guid benchCityId, string workDir, BenchOptions options, CancellationToken ct)
    {
        var month = DefenceReturn.FirstOfMonth(TimeProvider.System.Today());
        StatisticsFigures? statistics = null;
        if (options.DefenceStatistics)
        {
            Progress.Say($"defences: a county of {Schools:N0} schools with twelve months of returns");
            var county = await BenchData.AddCountyAsync(app, benchCityId, "三防基准县", ct);
            await BenchData.AddSchoolsAsync(app, county.Id, "三防基准县", Schools, 606, ct);
            await InsertReturnsAsync(app.ConnectionString, county.Path, month, ct);
            await BenchData.AnalyseAsync(app.ConnectionString, ct);

            var (pdfMs, pdfBytes, pdfPeak, chromiumPeak) = await PdfAsync(app, county, month, ct);
            var (excelMs, excelBytes, allocated, excelPeak) = await ExcelAsync(app, county, month, ct);
            statistics = new StatisticsFigures(Schools, pdfMs, pdfBytes, pdfPeak, chromiumPeak, excelMs, excelBytes, allocated, excelPeak);
        }

        Progress.Say($"defences: deadline-day spike with {SpikeSchools} schools");
        var spike = await BenchData.AddCountyAsync(app, benchCityId, "三防冲刺县", ct);
        await BenchData.AddSchoolsAsync(app, spike.Id, "三防冲刺县", SpikeSchools, 707, ct);
        var users = await AddDirectorsAsync(app.ConnectionString, spike.Path, ct);
        var pgbench = await Pgbench.InitAsync(app.ConnectionString, options.Concurrency, ct);
        var samples = new List<double>();
        var (posts, cycles, serverCpu) = await SpikeAsync(app.ConnectionString, workDir, spike.Path, users, month, options.Concurrency, async () =>
        {
            if (pgbench is not null)
            {
                samples.Add(await pgbench.RunAsync(PgbenchSeconds, ct));
            }
        }, ct);
        return new DefencesFigures(statistics, new SpikeFigures(SpikeSchools, options.Concurrency, posts, cycles, samples,
            pgbench?.Command(PgbenchSeconds) ?? "pgbench not found", serverCpu));
    }

    /// <summary>Twelve months of accepted returns for every school of the county, written in SQL (27 values each).</summary>
    private static async Task InsertReturnsAsync(string cs, string path, DateOnly month, CancellationToken ct)
    {
        var fields = string.Join(",", DefenceFields.All.Select(f => $"('{f.Key}',{(int)f.Type})"));
        var sql = $"""
            INSERT INTO "DefenceReturns" ("Id","SchoolId","ScopePath","Month","State","StudentsAndStaff","IsBoarding","FailedChecks","IsLate",
                "IsLocked","DueDate","CreatedAt","UpdatedAt","FirstSubmittedAt","SubmittedAt")
            SELECT gen_random_uuid(), s."Id", s."ScopePath", m::date, 4, s."Students" + s."Staff", s."IsBoarding",
                CASE WHEN random() < 0.2 THEN 32 ELSE 0 END, random() < 0.1, false, (m + interval '24 days')::date, now(), now(), now(), now()
            FROM "Schools" s CROSS JOIN generate_series(@month::date - interval '11 months', @month::date, interval '1 month') m
            WHERE s."ScopePath" LIKE @path || '%';
            INSERT INTO "DefenceValues" ("ReturnId","Field","Value")
            SELECT r."Id", f.key, CASE f.type WHEN 2 THEN (random() < 0.9)::int WHEN 3 THEN 2.0 ELSE 1 + floor(random() * 20) END
            FROM "DefenceReturns" r CROSS JOIN (VALUES {fields}) AS f(key, type)
            WHERE r."ScopePath" LIKE @path || '%';
            """;
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue("month", month.ToDateTime(TimeOnly.MinValue));
        cmd.Parameters.AddWithValue("path", path);
        cmd.CommandTimeout = 300;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<(Stats, long, long, long)> PdfAsync(BenchApp app, BenchCounty county, DateOnly month, CancellationToken ct)
    {
        var times = new List<double>();
        long bytes = 0;
        using var chromium = new ChromiumMemory();
        Memory.ResetPeak();
        for (var run = 0; run <= Runs; run++)
        {
            var started = Stopwatch.GetTimestamp();
            await using var scope = app.ScopeAs(county.Path, "bench");
            var stats = scope.ServiceProvider.GetRequiredService<DefenceStatistics>();
            var table = await stats.BuildAsync(county.Id, month, ct) ?? throw new InvalidOperationException("no county");
            var trends = await stats.TrendsAsync(county.Path, month, ct);
            var pdf = await scope.ServiceProvider.GetRequiredService<PdfReports>().RenderAsync<DefenceStatisticsPdf>(
                new Dictionary<string, object?> { ["Table"] = table, ["Trends"] = trends }, new PdfOptions("三防统计表", Landscape: true), ct);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (run > 0)
            {
                times.Add(ms); // run 0 starts Chromium and warms up
            }

            bytes = pdf.Length;
            Progress.Say($"defences: PDF run {run}: {ms:N0} ms, {pdf.Length / 1024:N0} KiB");
        }

        return (Stats.Of(times), bytes, Memory.Peak(), chromium.Peak);
    }

    private static async Task<(Stats, long, long, long)> ExcelAsync(BenchApp app, BenchCounty county, DateOnly month, CancellationToken ct)
    {
        var times = new List<double>();
        long bytes = 0, allocated = 0;
        Memory.ResetPeak();
        for (var run = 0; run <= Runs; run++)
        {
            GC.Collect();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var started = Stopwatch.GetTimestamp();
            await using var scope = app.ScopeAs(county.Path, "bench");
            var table = await scope.ServiceProvider.GetRequiredService<DefenceStatistics>().BuildAsync(county.Id, month, ct)
                ?? throw new InvalidOperationException("no county");
            var xlsx = XlsxWriter.Write(DefencesExport.Sheet(table));
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (run > 0)
            {
                times.Add(ms);
                allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            }

            bytes = xlsx.Length;
        }

        Progress.Say($"defences: Excel median {Stats.Of(times).Median:N0} ms");
        return (Stats.Of(times), bytes, allocated, Memory.Peak());
    }

    /// <summary>A safety director per school, with the demo password (its hash copied from a demo user).</summary>
    private static async Task<List<string>> AddDirectorsAsync(string cs, string path, CancellationToken ct)
    {
        const string Sql = """
            INSERT INTO "AspNetUsers" ("Id","FullName","Role","BureauId","SchoolId","ScopePath","MustChangePassword","IsDisabled","CreatedAt",
                "UserName","NormalizedUserName","EmailConfirmed","PasswordHash","SecurityStamp","ConcurrencyStamp","PhoneNumberConfirmed",
                "TwoFactorEnabled","LockoutEnabled","AccessFailedCount")
            SELECT gen_random_uuid()::text, '安全主任', 4, s."BureauId", s."Id", s."ScopePath", false, false, now(),
                'spike' || row_number() OVER (ORDER BY s."Name"), 'SPIKE' || row_number() OVER (ORDER BY s."Name"), false, d."PasswordHash",
                md5(random()::text), md5(random()::text), false, false, true, 0
            FROM "Schools" s CROSS JOIN (SELECT "PasswordHash" FROM "AspNetUsers" WHERE "UserName" = 'qs1z.director') d
            WHERE s."ScopePath" LIKE @path || '%'
            RETURNING "UserName";
            """;
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(Sql, conn);
        cmd.Parameters.AddWithValue("path", path);
        var names = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    /// <summary>
    /// The spike in two cases. <b>POST</b>: each director's client opens the current month's form once (its antiforgery
    /// token serves every later post, as in a browser), then every school files all <see cref="SpikeMonths"/> months, in
    /// three unmeasured warm-up rounds and three measured ones. <b>GET + POST</b>: every return opens its month's form
    /// first; one unmeasured round of three months per school, then one measured. Between rounds the spike county's
    /// returns (and their audit rows) are deleted and the tables vacuumed, outside the measured time.
    /// </summary>
    private static async Task<(SpikeCase Posts, SpikeCase Cycles, TimeSpan ServerCpu)> SpikeAsync(string cs, string workDir, string path, List<string> users, DateOnly month, int concurrency,
        Func<Task> afterMeasuredPostRound, CancellationToken ct)
    {
        await using var server = await AppServer.StartAsync(cs, workDir, ct, AppServer.ExperimentEnvironment());
        var clients = new List<(HttpClient Client, string Token)>();
        foreach (var user in users)
        {
            var client = await HttpBench.SignInAsync(server.BaseAddress, user, 2, ct);
            var page = await client.GetStringAsync(new Uri($"/defences/{DefenceMonths.Key(month)}", UriKind.Relative), ct);
            clients.Add((client, WebUtility.HtmlDecode(HttpBench.TokenRegex().Match(page).Groups[1].Value)));
        }

        var fields = DefenceFields.All.ToDictionary(f => DefenceInput.FieldName(f.Key), f => f.Type == DefenceFieldType.Measure ? "2.2" : f.Key == DefenceFields.VideoDays ? "30" : f.IsCount ? (f.Key.Contains("Dorm", StringComparison.Ordinal) ? "0" : "2") : "1");
        fields["Input.Action"] = "submit";
        fields["_handler"] = DefenceInput.FormName;
        var database = PostgresCpu.Find(cs);
        var allMonths = Enumerable.Range(0, SpikeMonths).Select(back => month.AddMonths(-back)).ToList();

        async Task<SpikeCase> RoundsAsync(string name, int warmUps, int measured, IReadOnlyList<DateOnly> months, bool withPage)
        {
            var total = new SpikeCase(name, 0, 0, 0, Stats.Of([]), 0, database is null ? null : 0);
            var latencies = new List<double>();
            for (var round = 0; round < warmUps + measured; round++)
            {
                var work = new System.Collections.Concurrent.ConcurrentQueue<((HttpClient Client, string Token) Director, DateOnly Month)>(
                    months.SelectMany(m => clients.Select(c => (c, m))));
                var cpu = server.CpuTime();
                var databaseCpu = database?.Total();
                var started = Stopwatch.GetTimestamp();
                var (roundLatencies, errors, firstError) = await SubmitAllAsync(work, fields, concurrency, withPage, ct);
                var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                var appCpuMs = (server.CpuTime() - cpu).TotalMilliseconds;
                var databaseCpuMs = database is null || databaseCpu is null ? (double?)null : (database.Total() - databaseCpu.Value).TotalMilliseconds;
                if (firstError is not null)
                {
                    Progress.Say($"defences: {name}: {errors} errors, the first: {firstError}");
                }

                var measuredRound = round >= warmUps;
                Progress.Say($"defences: {name}{(measuredRound ? "" : " (warm-up)")}: {roundLatencies.Count:N0} returns in {seconds:N1} s");
                if (measuredRound)
                {
                    latencies.AddRange(roundLatencies);
                    total = total with
                    {
                        Returns = total.Returns + roundLatencies.Count, Errors = total.Errors + errors, Seconds = total.Seconds + seconds,
                        AppCpuMs = total.AppCpuMs + appCpuMs, DatabaseCpuMs = total.DatabaseCpuMs + databaseCpuMs,
                    };
                }

                await ResetAsync(cs, path, ct);
                if (measuredRound && !withPage)
                {
                    await afterMeasuredPostRound();
                }
            }

            return total with { Latency = Stats.Of(latencies) };
        }

        var posts = await RoundsAsync("POST", 3, 3, allMonths, withPage: false);
        var cycles = await RoundsAsync("GET + POST", 1, 1, allMonths.Take(3).ToList(), withPage: true);
        clients.ForEach(c => c.Client.Dispose());
        return (posts, cycles, server.CpuTime());
    }

    /// <summary>Deletes the spike county's returns, then vacuums, so that the months can be filed again. Their audit rows
    /// stay: the trail is append-only (its trigger refuses deletes even to the owner), and grows as it does in use.</summary>
    private static async Task ResetAsync(string cs, string path, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync(ct);
        foreach (var sql in new[]
        {
            """DELETE FROM "DefenceReturns" WHERE "ScopePath" LIKE @path || '%'""",
            """VACUUM (ANALYZE) "DefenceReturns", "DefenceValues", "AuditEntries" """,
        })
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            cmd.Parameters.AddWithValue("path", path);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    private static async Task<(List<double> Latencies, int Errors, string? FirstError)> SubmitAllAsync(
        System.Collections.Concurrent.ConcurrentQueue<((HttpClient Client, string Token) Director, DateOnly Month)> work, Dictionary<string, string> fields,
        int concurrency, bool withPage, CancellationToken ct)
    {
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var bodies = new System.Collections.Concurrent.ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);
        var errors = 0;
        string? firstError = null;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (work.TryDequeue(out var item))
            {
                var sent = Stopwatch.GetTimestamp();
                var url = new Uri($"/defences/{DefenceMonths.Key(item.Month)}", UriKind.Relative);
                try
                {
                    var token = item.Director.Token;
                    if (withPage)
                    {
                        var page = await item.Director.Client.GetStringAsync(url, ct);
                        token = WebUtility.HtmlDecode(HttpBench.TokenRegex().Match(page).Groups[1].Value);
                    }

                    // The body is encoded once per token: the load generator shares the two cores with the server.
                    var body = bodies.GetOrAdd(token, t =>
                        new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = t }).ReadAsByteArrayAsync().GetAwaiter().GetResult());
                    using var content = new ByteArrayContent(body);
                    content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
                    using var response = await item.Director.Client.PostAsync(url, content, ct);
                    if (response.StatusCode == HttpStatusCode.Redirect
                        && response.Headers.Location?.OriginalString == $"/defences/{DefenceMonths.Key(item.Month)}?done=submitted")
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                        Interlocked.CompareExchange(ref firstError, $"{(int)response.StatusCode}", null);
                    }
                }
                catch (HttpRequestException ex)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, ex.Message, null);
                }
            }
        }).ToList();
        await Task.WhenAll(workers);
        return ([.. latencies], errors, firstError);
    }

    /// <summary>pgbench's TPC-B-like runs against the same server, in a database of its own (scale 4), initialised once.</summary>
    private sealed class Pgbench(string exe, string[] connection, string? password, string database, int concurrency)
    {
        public static async Task<Pgbench?> InitAsync(string cs, int concurrency, CancellationToken ct)
        {
            var exe = new[] { "/usr/lib/postgresql/15/bin/pgbench" }.Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "pgbench")) : []).FirstOrDefault(File.Exists);
            if (exe is null)
            {
                return null;
            }

            var b = new NpgsqlConnectionStringBuilder(cs);
            const string Database = "sc_pgbench";
            await using (var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cs) { Database = "postgres" }.ConnectionString))
            {
                await conn.OpenAsync(ct);
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database}; ", conn);
                await drop.ExecuteNonQueryAsync(ct);
                await using var create = new NpgsqlCommand($"CREATE DATABASE {Database}", conn);
                await create.ExecuteNonQueryAsync(ct);
            }

            string[] connection = ["-h", b.Host!, "-p", b.Port.ToString(CultureInfo.InvariantCulture), "-U", b.Username!];
            await DefencesBench.RunAsync(exe, [.. connection, "-i", "-q", "-s", "4", Database], b.Password, ct);
            return new Pgbench(exe, connection, b.Password, Database, concurrency);
        }

        public string Command(int seconds) => $"pgbench -c {concurrency} -j 2 -T {seconds} -n, scale 4";

        public async Task<double> RunAsync(int seconds, CancellationToken ct)
        {
            var output = await DefencesBench.RunAsync(exe, [.. connection, "-c", concurrency.ToString(CultureInfo.InvariantCulture), "-j", "2",
                "-T", seconds.ToString(CultureInfo.InvariantCulture), "-n", database], password, ct);
            var line = output.Split('\n').First(l => l.StartsWith("tps = ", StringComparison.Ordinal));
            Progress.Say($"defences: pgbench {line}");
            return double.Parse(line.Split(' ')[2], CultureInfo.InvariantCulture);
        }
    }

    private static async Task<string> RunAsync(string file, string[] args, string? password, CancellationToken ct)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        if (password is not null)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("pgbench did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var text = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("pgbench failed: " + text);
        }

        return text;
    }
}

/// <summary>The bench process's peak resident memory (VmHWM), reset through /proc/self/clear_refs.</summary>
internal static class Memory
{
    public static void ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public static long Peak()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}

/// <summary>Samples the resident memory of all Chromium processes every 50 ms and keeps the largest sum.</summary>
internal sealed class ChromiumMemory : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peak;

    public ChromiumMemory() => _loop = Task.Run(async () =>
    {
        while (!_stop.IsCancellationRequested)
        {
            long sum = 0;
            foreach (var p in Process.GetProcesses())
            {
                try
                {
                    if (p.ProcessName.Contains("chrom", StringComparison.OrdinalIgnoreCase))
                    {
                        sum += p.WorkingSet64;
                    }
                }
                catch (InvalidOperationException)
                {
                }
                finally
                {
                    p.Dispose();
                }
            }

            _peak = Math.Max(_peak, sum);
            try
            {
                await Task.Delay(50, _stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
    });

    public long Peak => _peak;

    public void Dispose()
    {
        _stop.Cancel();
        _loop.Wait();
        _stop.Dispose();
    }
}
