using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SafeCampus.Web.Data;
using SafeCampus.Web.Features.Organisation;
using SafeCampus.Web.Features.Organisation.Schools;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Bench;

/// <summary>Timings of one list case: the list query alone (count + page) and all the page's data work.</summary>
public sealed record ListTiming(int Schools, string Case, int PageAsked, int PageServed, int Matches, Stats List, Stats PageData);

/// <summary>EXPLAIN (ANALYZE) of one of the list's queries for one case, with how the Schools table was read.</summary>
public sealed record QueryPlan(int Schools, string Case, string Query, string SchoolsAccess, bool ScopeIndexUsed, double ExecutionMs, IReadOnlyList<string> Lines)
{
    public const string ScopeIndex = "IX_Schools_ScopePath";
}

/// <summary>
/// The /org/schools page's data work for a county officer of a county with 1,000 and with 10,000 schools, called as
/// the page calls it: OrgContext (where the user sits), the districts for the filter, then SchoolDirectory.ListAsync,
/// each repetition in a new DI scope (a new request, a new DbContext).
/// </summary>
public static class SchoolListBench
{
    private const int WarmUp = 5;

    private static readonly (string Name, string? Search, int Page)[] Cases =
    [
        ("page 1", null, 1),
        ($"page 1, q={BenchData.TownFilter}", BenchData.TownFilter, 1),
        ($"page 100, q={BenchData.TownFilter}", BenchData.TownFilter, 100),
    ];

    public static async Task<(List<ListTiming> Timings, List<QueryPlan> Plans)> RunAsync(
        BenchApp app, string connectionString, Guid benchCityId, BenchOptions options, CancellationToken ct)
    {
        var timings = new List<ListTiming>();
        var plans = new List<QueryPlan>();
        foreach (var size in new[] { 1_000, 10_000 })
        {
            Progress.Say($"list: county of {size:N0} schools");
            var county = await BenchData.AddCountyAsync(app, benchCityId, size == 1_000 ? "千校县" : "万校县", ct);
            await BenchData.AddSchoolsAsync(app, county.Id, county.ShortName, size, seed: size, ct);
            await BenchData.AnalyseAsync(connectionString, ct);

            foreach (var (name, search, page) in Cases)
            {
                var timing = await MeasureAsync(app, county, size, name, search, page, options.ListRuns, ct);
                timings.Add(timing);
                Progress.Say($"list: {size:N0} schools, {name}: median {timing.List.Median:N1} ms (page data {timing.PageData.Median:N1} ms)");
                plans.AddRange(await ExplainAsync(app, county, size, name, search, page, ct));
            }
        }

        return (timings, plans);
    }

    private static async Task<ListTiming> MeasureAsync(
        BenchApp app, BenchCounty county, int size, string name, string? search, int page, int runs, CancellationToken ct)
    {
        var list = new List<double>();
        var pageData = new List<double>();
        PageOf<SchoolRow>? last = null;
        for (var i = 0; i < WarmUp + runs; i++)
        {
            await using var scope = app.ScopeAs(county.Path, "bench.list");
            var org = scope.ServiceProvider.GetRequiredService<OrgContext>();
            var directory = scope.ServiceProvider.GetRequiredService<SchoolDirectory>();
            var started = Stopwatch.GetTimestamp();

            // SchoolList.razor, OnParametersSetAsync, for a county user.
            var place = await org.GetAsync(ct);
            var filter = SchoolFilter.Parse(search, null, null, null, null, null, null, page.ToString(CultureInfo.InvariantCulture));
            if (place.IsCity)
            {
                await directory.CountiesAsync(ct);
            }

            await directory.DistrictsAsync(filter.BureauId, ct);
            var listStarted = Stopwatch.GetTimestamp();
            last = await directory.ListAsync(filter, ct);
            var ended = Stopwatch.GetTimestamp();

            if (!place.IsCounty || last.Items.Count == 0)
            {
                throw new InvalidOperationException($"The list for {county.Name} came back empty or the user is not a county user.");
            }

            if (i >= WarmUp)
            {
                list.Add(Stopwatch.GetElapsedTime(listStarted, ended).TotalMilliseconds);
                pageData.Add(Stopwatch.GetElapsedTime(started, ended).TotalMilliseconds);
            }
        }

        return new ListTiming(size, name, page, last!.Page, last.Total, Stats.Of(list), Stats.Of(pageData));
    }

    /// <summary>Runs ListAsync once with a command recorder, then EXPLAIN (ANALYZE, BUFFERS) of the same SQL and parameters.</summary>
    private static async Task<List<QueryPlan>> ExplainAsync(
        BenchApp app, BenchCounty county, int size, string caseName, string? search, int page, CancellationToken ct)
    {
        await using var scope = app.ScopeAs(county.Path, "bench.explain");
        var recorder = new CommandRecorder();
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseExtensions.Configure(options, DatabaseExtensions.WithPoolSettings(app.ConnectionString), scope.ServiceProvider);
        options.AddInterceptors(recorder);
        await using (var db = new AppDbContext(options.Options, scope.ServiceProvider.GetRequiredService<TenantScope>()))
        {
            var filter = SchoolFilter.Parse(search, null, null, null, null, null, null, page.ToString(CultureInfo.InvariantCulture));
            await new SchoolDirectory(db).ListAsync(filter, ct);
        }

        var plans = new List<QueryPlan>();
        foreach (var command in recorder.Commands)
        {
            var query = command.Text.Contains("LIMIT", StringComparison.OrdinalIgnoreCase) ? "page of rows" : "count";
            var lines = new List<string>();
            // As the app runs it: its role, with the county's row-level security settings (or as the owner, --as-owner).
            await using var conn = new NpgsqlConnection(BenchConnections.For(app.ConnectionString, ":")["ConnectionStrings:Default"]);
            await conn.OpenAsync(ct);
            await using (var set = new NpgsqlCommand(SessionSettings.Sql, conn))
            {
                SessionSettings.For(scope.ServiceProvider.GetRequiredService<TenantScope>(), across: false, null).AddParameters(set.Parameters);
                await set.ExecuteNonQueryAsync(ct);
            }

            await using var explain = new NpgsqlCommand($"EXPLAIN (ANALYZE, BUFFERS) {command.Text}", conn);
            explain.Parameters.AddRange(command.Parameters.ToArray());
            await using (var reader = await explain.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    lines.Add(reader.GetString(0));
                }
            }

            // The plan node that reads Schools, without its cost figures: "Bitmap Heap Scan on "Schools" s", "Seq Scan ...".
            var access = lines.FirstOrDefault(l => l.Contains("on \"Schools\"", StringComparison.Ordinal))?.Trim().TrimStart('-', '>', ' ') ?? "?";
            access = access[..(access.IndexOf("  (", StringComparison.Ordinal) is var cut and > 0 ? cut : access.Length)];
            var execution = lines.Select(l => l.StartsWith("Execution Time: ", StringComparison.Ordinal)
                    && double.TryParse(l["Execution Time: ".Length..].Replace(" ms", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms)
                    ? ms
                    : (double?)null)
                .FirstOrDefault(ms => ms is not null) ?? double.NaN;
            lines.Insert(0, "SQL: " + string.Join(' ', command.Text.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim())));
            plans.Add(new QueryPlan(size, caseName, query, access,
                lines.Exists(l => l.Contains(QueryPlan.ScopeIndex, StringComparison.Ordinal)), execution, lines));
        }

        return plans;
    }

    /// <summary>Keeps the SQL and a copy of the parameters of every reader command of one context.</summary>
    private sealed class CommandRecorder : DbCommandInterceptor
    {
        public List<(string Text, List<NpgsqlParameter> Parameters)> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        private void Record(DbCommand command) =>
            Commands.Add((command.CommandText, command.Parameters.Cast<NpgsqlParameter>().Select(p => p.Clone()).ToList()));
    }
}
