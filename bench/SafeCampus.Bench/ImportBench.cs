using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Web.Features.Organisation.Import;

namespace SafeCampus.Bench;

/// <summary>One import of one file into a fresh county.</summary>
public sealed record ImportRun(
    string Format, int Run, int Rows, long Bytes, double CheckedMs, double SavedMs, double TotalMs, double CpuMs, double? DatabaseCpuMs, MemoryUse Memory);

/// <summary>
/// Imports generated .xlsx and .csv files of N rows (every template column filled) through the app's
/// <see cref="SchoolImporter"/>, as a county administrator: each run into a county of its own that has no schools
/// yet. Read-and-check and save times are the importer's own (its log line); memory is this process's.
/// </summary>
public static class ImportBench
{
    public const int WarmUpRows = 1_000;

    /// <returns>The measured runs, and the first warm-up import (the first import in this process).</returns>
    public static async Task<(List<ImportRun> Runs, ImportRun First)> RunAsync(BenchApp app, Guid benchCityId, BenchOptions options, CancellationToken ct)
    {
        // Warm-up: JIT (through the tiers) and EF query compilation, so that run 1 measures the import rather than
        // first use. The first one is also reported: a server's first import after a restart looks like it.
        var database = PostgresCpu.Find(app.ConnectionString);
        var warmUps = new List<ImportRun>();
        foreach (var format in new[] { "xlsx", "csv", "xlsx", "csv" })
        {
            warmUps.Add(await ImportOnceAsync(app, benchCityId, database, format, -warmUps.Count, WarmUpRows, ct));
        }

        Progress.Say($"import: warm-up done ({WarmUpRows:N0} rows x {warmUps.Count}: " +
                     string.Join(", ", warmUps.Select(w => $"{w.Format} {w.TotalMs:N0} ms")) + ")");

        var runs = new List<ImportRun>();
        for (var run = 1; run <= options.ImportRuns; run++)
        {
            // Formats alternate, so that a burst of load from elsewhere on the machine does not hit one format only.
            foreach (var format in new[] { "xlsx", "csv" })
            {
                var result = await ImportOnceAsync(app, benchCityId, database, format, run, options.Rows, ct);
                runs.Add(result);
                Progress.Say($"import: {format} run {run}: {result.Rows:N0} rows, {result.Bytes / 1024.0:N0} KB, " +
                             $"checked {result.CheckedMs:N0} ms, saved {result.SavedMs:N0} ms, peak {result.Memory.PeakWorkingSet >> 20} MB");
            }
        }

        return (runs, warmUps[0]);
    }

    private static async Task<ImportRun> ImportOnceAsync(
        BenchApp app, Guid benchCityId, PostgresCpu? database, string format, int run, int rows, CancellationToken ct)
    {
        var county = await BenchData.AddCountyAsync(app, benchCityId, run > 0 ? $"导入{format.ToUpperInvariant()}{run}县" : $"预热{-run}县", ct);
        var bytes = BuildFile(format, county, rows, run);

        await using var scope = app.ScopeAs(county.Path, "bench.import");
        var importer = scope.ServiceProvider.GetRequiredService<SchoolImporter>();
        app.ImportLog.Reset();
        using var probe = MemoryProbe.Start();
        var cpu = CpuTime();
        var databaseCpu = database?.Total();
        var started = Stopwatch.GetTimestamp();
        SchoolImportResult result;
        await using (var upload = new MemoryStream(bytes, writable: false))
        {
            result = await importer.ImportAsync(upload, updateExisting: false, ct);
        }

        var total = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var cpuMs = (CpuTime() - cpu).TotalMilliseconds;
        var databaseCpuMs = (database?.Total() - databaseCpu)?.TotalMilliseconds;
        var memory = probe.Stop();
        if (!result.Succeeded || result.Created != rows)
        {
            throw new InvalidOperationException(
                $"The {format} import did not succeed ({result.ErrorCount} errors): {string.Join("; ", result.Errors.Take(5))}");
        }

        var (checkedMs, savedMs) = app.ImportLog.Last ?? throw new InvalidOperationException("The importer logged no timing line.");
        return new ImportRun(format, run, rows, bytes.Length, checkedMs, savedMs, total, cpuMs, databaseCpuMs, memory);
    }

    private static TimeSpan CpuTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>The file's bytes only: the generated rows are garbage before the measured import starts.</summary>
    private static byte[] BuildFile(string format, BenchCounty county, int rows, int run)
    {
        var seeds = BenchData.Generate(county.ShortName, rows, seed: Math.Abs(run));
        return format == "xlsx" ? BenchData.Xlsx(seeds, county) : BenchData.Csv(seeds, county);
    }
}
