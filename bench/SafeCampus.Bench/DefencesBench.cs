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

/// <summary>The 三防 figures: the statistics PDF and Excel of a 1,000-school county, and the deadline-day spike.</summary>
public sealed record DefencesFigures(
    int Schools, Stats PdfMs, long PdfBytes, long PdfPeakBenchBytes, long PdfPeakChromiumBytes, Stats ExcelMs, long ExcelBytes,
    long ExcelAllocatedBytes, long ExcelPeakBenchBytes, int SpikeSchools, int Submitted, int SpikeErrors, double SpikeSeconds, Stats SpikeLatency,
    int Concurrency, double? PgbenchTps, string PgbenchCommand, double SpikeAppCpuMs, double? SpikeDatabaseCpuMs)
{
    public double SubmittedPerSecond => Submitted / SpikeSeconds;

    public void Print(TextWriter w)
    {
        var c = CultureInfo.InvariantCulture;
        w.WriteLine();
        w.WriteLine("### Three defences (三防): statistics PDF and Excel, deadline-day spike");
        w.WriteLine();
        w.WriteLine(string.Create(c, $"A county of {Schools:N0} schools, each with twelve months of returns (27 fields). Statistics table built in SQL, then rendered."));
        w.WriteLine();
        w.WriteLine("| output | runs | median ms | p95 ms | max ms | size | peak memory |");
        w.WriteLine("|---|---:|---:|---:|---:|---:|---|");
        w.WriteLine(string.Create(c, $"| PDF (A4 landscape, table + trends) | {PdfMs.Count} | {PdfMs.Median:N0} | {PdfMs.P95:N0} | {PdfMs.Max:N0} | {PdfBytes / 1024.0:N0} KiB | bench process {Mib(PdfPeakBenchBytes)}, Chromium {Mib(PdfPeakChromiumBytes)} |"));
        w.WriteLine(string.Create(c, $"| Excel (.xlsx, two-level header) | {ExcelMs.Count} | {ExcelMs.Median:N0} | {ExcelMs.P95:N0} | {ExcelMs.Max:N0} | {ExcelBytes / 1024.0:N0} KiB | bench process {Mib(ExcelPeakBenchBytes)}, {Mib(ExcelAllocatedBytes)} allocated per run |"));
        w.WriteLine();
        w.WriteLine(string.Create(c, $"Deadline-day spike: {SpikeSchools} schools' safety directors signed in, {Concurrency} at a time, each submitting returns ") +
                    "(GET the form for its antiforgery token, POST all 27 fields with \"submit\") through the real app over HTTP, " +
                    "twelve months each, after an unmeasured warm-up (the twelve months before, each).");
        w.WriteLine();
        w.WriteLine("| measure | value |");
        w.WriteLine("|---|---:|");
        w.WriteLine(string.Create(c, $"| returns submitted | {Submitted:N0} in {SpikeSeconds:N1} s, {SpikeErrors} errors |"));
        w.WriteLine(string.Create(c, $"| returns per second | {SubmittedPerSecond:N1} |"));
        w.WriteLine(string.Create(c, $"| latency per return (GET + POST) median / p95 / p99 ms | {SpikeLatency.Median:N0} / {SpikeLatency.P95:N0} / {SpikeLatency.P99:N0} |"));
        var n = Math.Max(1, Submitted);
        w.WriteLine(string.Create(c, $"| CPU per return (GET + POST): app / PostgreSQL ms | {SpikeAppCpuMs / n:N1} / {(SpikeDatabaseCpuMs is { } d ? (d / n).ToString("N1", c) : "—")} |"));
        w.WriteLine(string.Create(c, $"| CPU ceiling: returns/s the 2 cores could carry with nothing else running | {Environment.ProcessorCount * 1000.0 / ((SpikeAppCpuMs + (SpikeDatabaseCpuMs ?? 0)) / n):N0} |"));
        w.WriteLine(string.Create(c, $"| pgbench TPC-B tps, same server, same run (`{PgbenchCommand}`) | {(PgbenchTps is { } t ? t.ToString("N0", c) : "not run")} |"));
        w.WriteLine(string.Create(c, $"| returns/s ÷ pgbench tps | {(PgbenchTps is { } p ? (SubmittedPerSecond / p).ToString("P1", c) : "—")} |"));
    }

    private static string Mib(long bytes) => (bytes / 1024.0 / 1024.0).ToString("N0", CultureInfo.InvariantCulture) + " MiB";
}

public static class DefencesBench
{
    private const int Schools = 1_000;
    private const int Runs = 5;
    private const int SpikeSchools = 48;

    public static async Task<DefencesFigures> RunAsync(BenchApp app, Guid benchCityId, string workDir, BenchOptions options, CancellationToken ct)
    {
        Progress.Say($"defences: a county of {Schools:N0} schools with twelve months of returns");
        var county = await BenchData.AddCountyAsync(app, benchCityId, "三防基准县", ct);
        await BenchData.AddSchoolsAsync(app, county.Id, "三防基准县", Schools, 606, ct);
        var month = DefenceReturn.FirstOfMonth(TimeProvider.System.Today());
        await InsertReturnsAsync(app.ConnectionString, county.Path, month, ct);
        await BenchData.AnalyseAsync(app.ConnectionString, ct);

        var (pdfMs, pdfBytes, pdfPeak, chromiumPeak) = await PdfAsync(app, county, month, ct);
        var (excelMs, excelBytes, allocated, excelPeak) = await ExcelAsync(app, county, month, ct);

        Progress.Say($"defences: deadline-day spike with {SpikeSchools} schools");
        var spike = await BenchData.AddCountyAsync(app, benchCityId, "三防冲刺县", ct);
        await BenchData.AddSchoolsAsync(app, spike.Id, "三防冲刺县", SpikeSchools, 707, ct);
        var users = await AddDirectorsAsync(app.ConnectionString, spike.Path, ct);
        var (submitted, errors, seconds, latencies, appCpu, databaseCpu) = await SpikeAsync(app.ConnectionString, workDir, users, month, options.Concurrency, ct);
        var (tps, command) = await PgbenchAsync(app.ConnectionString, options.Concurrency, ct);
        return new DefencesFigures(Schools, pdfMs, pdfBytes, pdfPeak, chromiumPeak, excelMs, excelBytes, allocated, excelPeak, SpikeSchools,
            submitted, errors, seconds, latencies, options.Concurrency, tps, command, appCpu, databaseCpu);
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
    /// Every school submits its returns for this month and the eleven before it, <paramref name="concurrency"/> schools
    /// at a time: GET the form (antiforgery token), POST the 27 fields with "submit"; a 302 counts as submitted.
    /// </summary>
    private static async Task<(int, int, double, Stats, double, double?)> SpikeAsync(string cs, string workDir, List<string> users, DateOnly month, int concurrency, CancellationToken ct)
    {
        await using var server = await AppServer.StartAsync(cs, workDir, ct, AppServer.ExperimentEnvironment());
        var clients = new List<HttpClient>();
        foreach (var user in users)
        {
            clients.Add(await HttpBench.SignInAsync(server.BaseAddress, user, 2, ct));
        }

        var fields = DefenceFields.All.ToDictionary(f => $"Input.Values[{f.Key}]", f => f.Type == DefenceFieldType.Measure ? "2.2" : f.Key == DefenceFields.VideoDays ? "30" : f.IsCount ? (f.Key.Contains("Dorm", StringComparison.Ordinal) ? "0" : "2") : "1");
        fields["Input.Action"] = "submit";
        fields["_handler"] = "defence-return";
        // Warm-up, not measured: every school files the twelve returns before the measured ones, so that the server
        // has compiled its pages to optimised code (tiered compilation) and filled its pools, as a server on a
        // deadline evening has. With one return per school, most page code was still unoptimised while measured.
        var warmUp = await SubmitAllAsync(new(Enumerable.Range(12, 12).SelectMany(back => clients.Select(c => (c, month.AddMonths(-back))))), fields, concurrency, ct);
        if (warmUp.FirstError is not null)
        {
            Progress.Say($"defences: warm-up error: {warmUp.FirstError}");
        }

        var work = new System.Collections.Concurrent.ConcurrentQueue<(HttpClient Client, DateOnly Month)>(
            Enumerable.Range(0, 12).SelectMany(back => clients.Select(c => (c, month.AddMonths(-back)))));
        var cpu = server.CpuTime();
        var database = PostgresCpu.Find(cs);
        var databaseCpu = database?.Total();
        var started = Stopwatch.GetTimestamp();
        var (latencies, errors, firstError) = await SubmitAllAsync(work, fields, concurrency, ct);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var appCpuMs = (server.CpuTime() - cpu).TotalMilliseconds;
        var databaseCpuMs = database is null || databaseCpu is null ? (double?)null : (database.Total() - databaseCpu.Value).TotalMilliseconds;
        clients.ForEach(c => c.Dispose());
        if (firstError is not null)
        {
            Progress.Say($"defences: first error: {firstError}");
        }

        Progress.Say($"defences: {latencies.Count} returns in {seconds:N1} s");
        return (latencies.Count, errors, seconds, Stats.Of(latencies), appCpuMs, databaseCpuMs);
    }

    private static async Task<(List<double> Latencies, int Errors, string? FirstError)> SubmitAllAsync(
        System.Collections.Concurrent.ConcurrentQueue<(HttpClient Client, DateOnly Month)> work, Dictionary<string, string> fields, int concurrency,
        CancellationToken ct)
    {
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
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
                    var page = await item.Client.GetStringAsync(url, ct);
                    var token = HttpBench.TokenRegex().Match(page);
                    var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
                    using var content = new FormUrlEncodedContent(form);
                    using var response = await item.Client.PostAsync(url, content, ct);
                    if (response.StatusCode == HttpStatusCode.Redirect)
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

    /// <summary>pgbench's TPC-B-like run against the same server, in a database of its own, for 10 s.</summary>
    private static async Task<(double?, string)> PgbenchAsync(string cs, int concurrency, CancellationToken ct)
    {
        var pgbench = new[] { "/usr/lib/postgresql/15/bin/pgbench" }.Concat(Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "pgbench")) : []).FirstOrDefault(File.Exists);
        var b = new NpgsqlConnectionStringBuilder(cs);
        var command = $"pgbench -c {concurrency} -j 2 -T 10 -n (scale 4)";
        if (pgbench is null)
        {
            return (null, command);
        }

        var database = "sc_pgbench";
        await using (var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cs) { Database = "postgres" }.ConnectionString))
        {
            await conn.OpenAsync(ct);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database}; ", conn);
            await drop.ExecuteNonQueryAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", conn);
            await create.ExecuteNonQueryAsync(ct);
        }

        string[] connection = ["-h", b.Host!, "-p", b.Port.ToString(CultureInfo.InvariantCulture), "-U", b.Username!];
        await RunAsync(pgbench, [.. connection, "-i", "-q", "-s", "4", database], b.Password, ct);
        var output = await RunAsync(pgbench, [.. connection, "-c", concurrency.ToString(CultureInfo.InvariantCulture), "-j", "2", "-T", "10", "-n", database], b.Password, ct);
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("tps = ", StringComparison.Ordinal));
        Progress.Say($"defences: pgbench {line}");
        return (line is null ? null : double.Parse(line.Split(' ')[2], CultureInfo.InvariantCulture), command);
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
