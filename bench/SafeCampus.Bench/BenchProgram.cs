using System.Diagnostics;
using System.Globalization;

namespace SafeCampus.Bench;

/// <summary>
/// Prints SafeCampus performance figures: school import, the school list at scale, and HTTP throughput of
/// signed-in pages. Everything runs on this machine against a throwaway PostgreSQL (or SAFECAMPUS_BENCH_DB) and
/// only 127.0.0.1. See docs/PERFORMANCE.md.
/// </summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        // The importer's messages are Chinese, as the app's are.
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");

        if (BenchOptions.Parse(args) is not { } options)
        {
            Console.WriteLine(BenchOptions.Usage);
            return 2;
        }

        BenchConnections.AsOwner = options.AsOwner;

        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };

        var report = new Report(options) { LoadBefore = Machine.LoadAverage() };
        var started = Stopwatch.GetTimestamp();
        try
        {
            await RunAsync(options, report, cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            Console.Error.WriteLine("Cancelled.");
            return 130;
        }

        report.LoadAfter = Machine.LoadAverage();
        report.Elapsed = Stopwatch.GetElapsedTime(started);
        report.Print(Console.Out);
        return 0;
    }

    private static async Task RunAsync(BenchOptions options, Report report, CancellationToken ct)
    {
        var workDir = Directory.CreateTempSubdirectory("safecampus-bench-");
        try
        {
            Progress.Say("starting PostgreSQL");
            await using var database = await BenchDatabase.StartAsync(ct);
            report.Database = database.Description + (options.AsOwner ? ", app connected as the owner (no row-level security)" : ", app connected as its own role (row-level security)");
            Progress.Say($"database: {database.Description}");
            var cpu = CpuShare.Start(PostgresCpu.Find(database.ConnectionString));

            await using var app = await BenchApp.CreateAsync(database.ConnectionString, workDir.FullName, ct);
            if (options.Email)
            {
                report.Email = await EmailBench.RunAsync(app, workDir.FullName, options, ct);
            }

            if (!(options.Import || options.List || options.Http || options.Receipts || options.Defences))
            {
                return;
            }

            Progress.Say("migrated and seeded the demo city; building a city of 3,000 schools");
            await BenchData.BuildDemoCityAsync(app, ct);
            var benchCity = await BenchData.AddBenchCityAsync(app, ct);

            if (options.Import)
            {
                var (runs, first) = await ImportBench.RunAsync(app, benchCity, options, ct);
                report.Imports.AddRange(runs);
                report.FirstImport = first;
            }

            if (options.List)
            {
                var (timings, plans) = await SchoolListBench.RunAsync(app, database.ConnectionString, benchCity, options, ct);
                report.Lists.AddRange(timings);
                report.Plans.AddRange(plans);
            }

            report.SchoolsInDatabase = await BenchData.CountSchoolsAsync(database.ConnectionString, ct);
            if (options.Http)
            {
                report.Http = await HttpBench.RunAsync(database.ConnectionString, workDir.FullName, options, ct);
            }

            if (options.Receipts)
            {
                report.Receipts = await ReceiptBench.RunAsync(database.ConnectionString, workDir.FullName, options, ct);
            }

            if (options.Defences)
            {
                report.Defences = await DefencesBench.RunAsync(app, benchCity, workDir.FullName, options, ct);
            }

            report.CpuShare = cpu.Describe((report.Http?.ServerCpu ?? TimeSpan.Zero) + (report.Receipts?.ServerCpu ?? TimeSpan.Zero)
                + (report.Defences?.Spike.ServerCpu ?? TimeSpan.Zero));
        }
        finally
        {
            try
            {
                workDir.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Best effort: it is under the temp directory.
            }
        }
    }
}

/// <summary>Progress lines while the benchmark runs; the figures come at the end.</summary>
public static class Progress
{
    private static readonly long Start = Stopwatch.GetTimestamp();

    public static void Say(string message) =>
        Console.WriteLine($"[{Stopwatch.GetElapsedTime(Start).TotalSeconds,6:0.0}s] {message}");
}

/// <summary>Command line: the defaults are the documented run; the switches make smaller ones.</summary>
public sealed record BenchOptions(int Rows, int ImportRuns, int ListRuns, int HttpSeconds, int Concurrency, bool Import, bool List, bool Http,
    bool Receipts = true, bool Defences = true, bool DefenceStatistics = true, bool Email = true, bool AsOwner = false)
{
    public const string Usage = """
        dotnet run -c Release --project bench/SafeCampus.Bench [-- options]
          --rows N           rows per import file (default 10000)
          --runs N           import runs per format (default 3)
          --list-runs N      measured repetitions per school-list case (default 30, after 5 warm-up)
          --http-seconds N   measured seconds per HTTP case (default 15, after 3 s warm-up)
          --concurrency N    concurrent HTTP clients (default 8)
          --as-owner         the app connects as the tables' owner, past row-level security (to measure what it costs)
          --quick            a smoke run: 1000 rows, 1 run, 10 list runs, 3 HTTP seconds
          --only import|list|http|receipts|defences|spike|email   run one part (spike: the 三防 spike without the statistics;
                             email: notification e-mail to a local SMTP sink)
        Environment: SAFECAMPUS_BENCH_DB = a PostgreSQL connection string to use instead of a throwaway cluster
        (a database is created on that server for the run and dropped afterwards).
        """;

    public static BenchOptions? Parse(string[] args)
    {
        var o = new BenchOptions(10_000, 3, 30, 15, 8, true, true, true);
        for (var i = 0; i < args.Length; i++)
        {
            int Next() => i + 1 < args.Length && int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new ArgumentException($"{args[i]} needs a positive number");
            try
            {
                o = args[i] switch
                {
                    "--rows" => o with { Rows = Math.Min(Next(), 20_000) },
                    "--runs" => o with { ImportRuns = Next() },
                    "--list-runs" => o with { ListRuns = Next() },
                    "--http-seconds" => o with { HttpSeconds = Math.Min(Next(), 120) },
                    "--concurrency" => o with { Concurrency = Math.Min(Next(), 64) },
                    "--as-owner" => o with { AsOwner = true },
                    "--quick" => o with { Rows = 1_000, ImportRuns = 1, ListRuns = 10, HttpSeconds = 3 },
                    "--only" when i + 1 < args.Length => args[++i] switch
                    {
                        "import" => o with { Import = true, List = false, Http = false, Receipts = false, Defences = false, Email = false },
                        "list" => o with { Import = false, List = true, Http = false, Receipts = false, Defences = false, Email = false },
                        "http" => o with { Import = false, List = false, Http = true, Receipts = false, Defences = false, Email = false },
                        "receipts" => o with { Import = false, List = false, Http = false, Receipts = true, Defences = false, Email = false },
                        "defences" => o with { Import = false, List = false, Http = false, Receipts = false, Defences = true, Email = false },
                        "spike" => o with { Import = false, List = false, Http = false, Receipts = false, Defences = true, DefenceStatistics = false, Email = false },
                        "email" => o with { Import = false, List = false, Http = false, Receipts = false, Defences = false, Email = true },
                        _ => null,
                    },
                    _ => null,
                };
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return null;
            }

            if (o is null)
            {
                return null;
            }
        }

        return o;
    }
}
