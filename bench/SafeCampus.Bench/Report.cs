using System.Globalization;

namespace SafeCampus.Bench;

/// <summary>Everything measured, printed as Markdown tables at the end of the run (paste into docs/PERFORMANCE.md).</summary>
public sealed class Report(BenchOptions options)
{
    public string LoadBefore { get; set; } = "";

    public string LoadAfter { get; set; } = "";

    public TimeSpan Elapsed { get; set; }

    public string Database { get; set; } = "";

    public string CpuShare { get; set; } = "";

    public long SchoolsInDatabase { get; set; }

    public List<ImportRun> Imports { get; } = [];

    public ImportRun? FirstImport { get; set; }

    public List<ListTiming> Lists { get; } = [];

    public List<QueryPlan> Plans { get; } = [];

    public HttpReport? Http { get; set; }

    public ReceiptReport? Receipts { get; set; }
    public DefencesFigures? Defences { get; set; }

    public EmailReport? Email { get; set; }

    private static string Configuration =>
        typeof(Report).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            is [System.Reflection.AssemblyConfigurationAttribute a, ..] ? a.Configuration : "?";

    public void Print(TextWriter o)
    {
        o.WriteLine();
        o.WriteLine("## SafeCampus benchmark");
        o.WriteLine();
        o.WriteLine($"- when: {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}; run time {Elapsed.TotalSeconds:0} s");
        o.WriteLine($"- machine: {Machine.Describe()}");
        o.WriteLine($"- database: {Database}; {SchoolsInDatabase:N0} schools in the table at the end");
        o.WriteLine($"- load average (1, 5, 15 min): before {LoadBefore}; after {LoadAfter}");
        o.WriteLine($"- CPU over the run: {CpuShare}");
        if (!string.Equals(Configuration, "Release", StringComparison.Ordinal))
        {
            o.WriteLine($"- built in {Configuration}: run with -c Release for figures worth comparing");
        }
        PrintImports(o);
        PrintLists(o);
        PrintHttp(o);
        ReceiptBench.Print(Receipts, o);
        Defences?.Print(o);
        Email?.Print(o);
    }

    private void PrintImports(TextWriter o)
    {
        if (Imports.Count == 0)
        {
            return;
        }

        o.WriteLine();
        o.WriteLine($"### A. School import ({Imports[0].Rows:N0} rows, every column; {options.ImportRuns} run(s) per format, each into a new county; median, min–max)");
        o.WriteLine();
        o.WriteLine("| file | size | read + check ms | save ms | total ms | rows/s | app CPU ms | PostgreSQL CPU ms | peak working set MB | growth MB | allocated MB |");
        o.WriteLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var format in Imports.GroupBy(r => r.Format))
        {
            var runs = format.ToList();
            var total = Stats.Of(runs.Select(r => r.TotalMs));
            o.WriteLine($"| .{format.Key} | {runs[0].Bytes / 1024.0:N0} KB | {Range(runs.Select(r => r.CheckedMs))} | {Range(runs.Select(r => r.SavedMs))} " +
                        $"| {Range(runs.Select(r => r.TotalMs))} | {runs[0].Rows / (total.Median / 1000):N0} | {Range(runs.Select(r => r.CpuMs))} | {Range(runs.Select(r => r.DatabaseCpuMs ?? double.NaN))} " +
                        $"| {Range(runs.Select(r => Mb(r.Memory.PeakWorkingSet)))} | {Range(runs.Select(r => Mb(r.Memory.Growth)))} " +
                        $"| {Range(runs.Select(r => Mb(r.Memory.Allocated)))} |");
        }

        o.WriteLine();
        o.WriteLine($"Peak working set: whole benchmark process ({Imports[0].Memory.PeakMethod}), server GC; " +
                    $"growth = peak minus the working set just before the import (after a full GC); " +
                    "app CPU = this process's CPU time during the import; PostgreSQL CPU = the server's processes'; rows/s from the median total.");
        if (FirstImport is { } first)
        {
            o.WriteLine($"First import in the process (warm-up, {first.Rows:N0} rows .{first.Format}): {first.TotalMs:N0} ms " +
                        $"(read + check {first.CheckedMs:N0} ms, save {first.SavedMs:N0} ms) — unoptimised code and first EF queries; later ones are faster.");
        }
    }

    private void PrintLists(TextWriter o)
    {
        if (Lists.Count == 0)
        {
            return;
        }

        o.WriteLine();
        o.WriteLine($"### B. School list /org/schools, county officer (50 per page; {Lists[0].List.Count} runs after 5 warm-up)");
        o.WriteLine();
        o.WriteLine("| schools in county | case | page served | matches | ListAsync median ms | p95 ms | page data median ms | p95 ms |");
        o.WriteLine("|--:|---|--:|--:|--:|--:|--:|--:|");
        foreach (var t in Lists)
        {
            o.WriteLine($"| {t.Schools:N0} | {t.Case} | {t.PageServed} | {t.Matches:N0} | {t.List.Median:N1} | {t.List.P95:N1} | {t.PageData.Median:N1} | {t.PageData.P95:N1} |");
        }

        o.WriteLine();
        o.WriteLine("ListAsync = the count and the page query; page data = OrgContext + districts + ListAsync, as SchoolList.razor runs them.");
        if (Plans.Count == 0)
        {
            return;
        }

        o.WriteLine();
        o.WriteLine($"EXPLAIN (ANALYZE, BUFFERS) of each case's two queries, run once after the timings (ScopePath prefix index = {QueryPlan.ScopeIndex}):");
        o.WriteLine();
        o.WriteLine("| schools in county | case | query | Schools read by | prefix index used | execution ms |");
        o.WriteLine("|--:|---|---|---|---|--:|");
        foreach (var p in Plans)
        {
            o.WriteLine($"| {p.Schools:N0} | {p.Case} | {p.Query} | {p.SchoolsAccess.Replace("|", "/", StringComparison.Ordinal)} | {(p.ScopeIndexUsed ? "yes" : "NO")} | {p.ExecutionMs:N1} |");
        }

        // Full plans: the main (page-of-rows) query of the largest county, without and with the name filter.
        var largest = Plans.Max(p => p.Schools);
        foreach (var plan in Plans.Where(p => p.Schools == largest && p.Query != "count" && (p.Case == Lists[0].Case || p == Plans.Last(x => x.Query != "count"))))
        {
            o.WriteLine();
            o.WriteLine($"Plan, {plan.Schools:N0} schools, {plan.Case}, {plan.Query}:");
            o.WriteLine();
            o.WriteLine("```");
            foreach (var line in plan.Lines)
            {
                o.WriteLine(line);
            }

            o.WriteLine("```");
        }
    }

    private void PrintHttp(TextWriter o)
    {
        if (Http is not { } http)
        {
            return;
        }

        o.WriteLine();
        o.WriteLine($"### C. HTTP, signed in (Kestrel on 127.0.0.1, {options.Concurrency} concurrent clients, {options.HttpSeconds} s per page in {http.Rounds} rounds taking turns, after 3 s warm-up)");
        o.WriteLine();
        o.WriteLine($"| user | sees | GET | requests | errors | req/s | req/s per round | p50 ms | p95 ms | p99 ms | app CPU ms/req | PostgreSQL CPU ms/req | CPU ceiling req/s ({Environment.ProcessorCount} cores) | KB/page |");
        o.WriteLine("|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var c in http.Cases)
        {
            o.WriteLine($"| {c.User} | {c.Sees} | {c.Path} | {c.Requests:N0} | {c.Errors} | {c.RequestsPerSecond:N1} | {string.Join(" / ", c.RoundRates.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)))} " +
                        $"| {c.Latency.Median:N1} | {c.Latency.P95:N1} | {c.Latency.P99:N1} | {c.ServerCpuMsPerRequest:N1} | {Num(c.DatabaseCpuMsPerRequest, "N1")} | {Num(c.CpuCeiling, "N0")} | {c.Bytes / 1024.0:N0} |");
        }

        o.WriteLine();
        o.WriteLine($"App server: separate process, {http.ServerGc}, peak working set {Mb(http.ServerPeakWorkingSet):N0} MB. " +
                    "The load generator, the app server and PostgreSQL share the machine's cores. CPU ms/req = CPU time of the app " +
                    "process (all threads) and of PostgreSQL's processes over the measured windows, divided by the requests; " +
                    "CPU ceiling = cores x 1000 / (app + PostgreSQL CPU ms per request): what the cores could serve with nothing else running.");
    }

    private static string Num(double? value, string format) =>
        value is { } v && !double.IsNaN(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    private static double Mb(long bytes) => bytes / 1024.0 / 1024.0;

    private static string Range(IEnumerable<double> values)
    {
        var list = values.ToList();
        if (list.Exists(double.IsNaN))
        {
            return "n/a";
        }

        var s = Stats.Of(list);
        return s.Count == 1
            ? s.Median.ToString("N0", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{s.Median:N0} ({s.Min:N0}–{s.Max:N0})");
    }
}
