using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using SafeCampus.Web.Data;
using SafeCampus.Web.Data.Seeding;
using SafeCampus.Web.Features.Account;
using SafeCampus.Web.Features.Organisation;
using SafeCampus.Web.Features.Organisation.Import;
using SafeCampus.Web.Infrastructure.Database;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Bench;

/// <summary>
/// How the app under measurement connects: as its own role under row-level security (as it runs in production), or
/// with --as-owner as the tables' owner, past it. The benchmark's own data generation always uses the owner.
/// </summary>
public static class BenchConnections
{
    public static bool AsOwner { get; set; }

    /// <summary>The app's connection settings, as configuration keys with ':' (in-process) or '__' (environment).</summary>
    public static Dictionary<string, string> For(string ownerConnectionString, string separator)
    {
        var app = AsOwner
            ? ownerConnectionString
            : new NpgsqlConnectionStringBuilder(ownerConnectionString) { Username = DatabaseSecurity.DefaultAppRole, Password = "safecampus-bench" }.ConnectionString;
        return new Dictionary<string, string>
        {
            [$"ConnectionStrings{separator}Default"] = app,
            [$"ConnectionStrings{separator}Owner"] = ownerConnectionString,
            [$"Database{separator}AllowOwnerConnection"] = AsOwner ? "true" : "false",
        };
    }
}

/// <summary>
/// The benchmark's PostgreSQL: a throwaway cluster started with the app's own <see cref="LocalPostgres"/> (fsync
/// off, as in the tests), or a new database on the server named by SAFECAMPUS_BENCH_DB, dropped afterwards.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    public const string EnvironmentVariable = "SAFECAMPUS_BENCH_DB";

    private readonly LocalPostgres? _local;
    private readonly string _admin;
    private readonly string _name;

    private BenchDatabase(LocalPostgres? local, string admin, string name, string description)
    {
        _local = local;
        _admin = admin;
        _name = name;
        Description = description;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public string ConnectionString { get; }

    public string Description { get; }

    public static async Task<BenchDatabase> StartAsync(CancellationToken ct)
    {
        var (admin, local) = LocalPostgres.ConfiguredOrThrowaway(EnvironmentVariable);

        try
        {
            var name = $"sc_bench_{Guid.NewGuid():N}"[..21];
            await using var conn = new NpgsqlConnection(admin);
            await conn.OpenAsync(ct);
            await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn))
            {
                await create.ExecuteNonQueryAsync(ct);
            }

            await using var show = new NpgsqlCommand("SELECT current_setting('server_version'), current_setting('fsync')", conn);
            await using var reader = await show.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            var description = $"PostgreSQL {reader.GetString(0).Split(' ')[0]}, " +
                              (local is null ? $"{EnvironmentVariable}" : "throwaway local cluster") +
                              $", fsync {reader.GetString(1)}";
            return new BenchDatabase(local, admin, name, description);
        }
        catch
        {
            local?.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_local is not null)
        {
            _local.Dispose();
            return;
        }

        await using var conn = new NpgsqlConnection(_admin);
        await conn.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", conn);
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// The app's own services (database, identity, organisation) in a host that is built but never started, so the
/// benchmark calls SchoolImporter, SchoolDirectory and OrgContext exactly as the pages do.
/// </summary>
public sealed class BenchApp : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchApp(IHost host, string connectionString, ImportLogCapture importLog)
    {
        _host = host;
        ConnectionString = connectionString;
        ImportLog = importLog;
    }

    public IServiceProvider Services => _host.Services;

    public string ConnectionString { get; }

    /// <summary>The importer's own timing line (read and checked / saved), captured from its log.</summary>
    public ImportLogCapture ImportLog { get; }

    public static async Task<BenchApp> CreateAsync(string connectionString, string workDir, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Production,
            ContentRootPath = workDir,
            ApplicationName = "SafeCampus.Bench",
        });
        builder.Configuration.AddInMemoryCollection(BenchConnections.For(connectionString, ":").Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value)));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DataProtection:KeysPath"] = Path.Combine(workDir, "keys"),
            ["Scheduler:Enabled"] = "false",
        });
        var capture = new ImportLogCapture();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(capture);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter(typeof(SchoolImporter).FullName, LogLevel.Information);
        // Failed commands throw anyway; and the first migration's probe of the history table is expected to fail.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddDatabase();
        builder.AddSafeCampusIdentity();
        builder.AddOrganisation();
        // The 三防 statistics and their PDF, as the app registers them (AddWebUi's encoder keeps Chinese unescaped).
        builder.Services.AddSingleton(System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddSingleton(new SafeCampus.Web.Infrastructure.Pdf.PdfSettings());
        builder.Services.AddSingleton<SafeCampus.Web.Infrastructure.Pdf.PdfPrinter>();
        builder.Services.AddScoped<SafeCampus.Web.Infrastructure.Pdf.PdfReports>();
        builder.Services.AddScoped<SafeCampus.Web.Features.Defences.DefenceStatistics>();
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider,
            Microsoft.AspNetCore.Components.Server.ServerAuthenticationStateProvider>();
        var host = builder.Build();

        // What the app does at start-up (DatabaseInitialiser): migrate as the owner, set up the app's role, seed the demo city.
        await using (var scope = host.Services.CreateAsyncScope())
        {
            using var _ = scope.ServiceProvider.GetRequiredService<TenantScope>().EnterSystem("bench");
            await DatabaseInitialiser.MigrateAsOwnerAsync(scope.ServiceProvider.GetRequiredService<DatabaseInfo>(),
                scope.ServiceProvider.GetRequiredService<AppDbContext>().Model, scope.ServiceProvider.GetRequiredService<ILogger<BenchApp>>());
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(ct);
        }

        return new BenchApp(host, connectionString, capture);
    }

    /// <summary>A DI scope (as one request) whose tenant scope is the given bureau's path.</summary>
    public AsyncServiceScope ScopeAs(string path, string userName)
    {
        var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(path, null, userName);
        return scope;
    }

    public ValueTask DisposeAsync()
    {
        _host.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Logger provider that keeps the importer's "read and checked in {Checked} ms, saved in {Saved} ms" figures and
/// writes warnings and errors of any category to standard error.
/// </summary>
public sealed class ImportLogCapture : ILoggerProvider
{
    private (long Checked, long Saved)? _last;

    public (long Checked, long Saved)? Last => _last;

    public void Reset() => _last = null;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ImportLogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is IReadOnlyList<KeyValuePair<string, object?>> values
                && values.FirstOrDefault(v => v.Key == "Checked").Value is { } checkedMs
                && values.FirstOrDefault(v => v.Key == "Saved").Value is { } savedMs)
            {
                owner._last = (Convert.ToInt64(checkedMs, CultureInfo.InvariantCulture), Convert.ToInt64(savedMs, CultureInfo.InvariantCulture));
            }

            if (logLevel >= LogLevel.Warning)
            {
                Console.Error.WriteLine($"{logLevel} {category}: {formatter(state, exception)} {exception?.Message}");
            }
        }
    }
}

/// <summary>Memory used by one measured operation in this process.</summary>
public sealed record MemoryUse(long WorkingSetBefore, long PeakWorkingSet, long Allocated, string PeakMethod)
{
    public long Growth => Math.Max(0, PeakWorkingSet - WorkingSetBefore);
}

/// <summary>
/// Peak working set of this process during an operation: the kernel's high-water mark (VmHWM), reset before the
/// operation through /proc/self/clear_refs; where that cannot be reset, the working set sampled every 5 ms.
/// Allocated bytes come from <see cref="GC.GetTotalAllocatedBytes(bool)"/>.
/// </summary>
public sealed class MemoryProbe : IDisposable
{
    private readonly long _before;
    private readonly long _allocatedBefore;
    private readonly bool _kernelPeak;
    private readonly Timer? _sampler;
    private long _sampledPeak;

    private MemoryProbe()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        _before = Environment.WorkingSet;
        _kernelPeak = TryResetKernelPeak();
        _sampledPeak = _before;
        if (!_kernelPeak)
        {
            _sampler = new Timer(_ => InterlockedMax(ref _sampledPeak, Environment.WorkingSet), null, 0, 5);
        }

        _allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    }

    public static MemoryProbe Start() => new();

    public MemoryUse Stop()
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - _allocatedBefore;
        _sampler?.Dispose();
        long peak;
        if (_kernelPeak)
        {
            using var self = Process.GetCurrentProcess();
            peak = self.PeakWorkingSet64;
        }
        else
        {
            InterlockedMax(ref _sampledPeak, Environment.WorkingSet);
            peak = Interlocked.Read(ref _sampledPeak);
        }

        return new MemoryUse(_before, peak, allocated, _kernelPeak ? "VmHWM" : "sampled");
    }

    public void Dispose() => _sampler?.Dispose();

    private static bool TryResetKernelPeak()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            // "5" resets the peak resident set size (VmHWM) to the current one (Linux 4.0+).
            File.WriteAllText("/proc/self/clear_refs", "5");
            using var self = Process.GetCurrentProcess();
            return self.PeakWorkingSet64 <= Environment.WorkingSet + (8L << 20);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}

/// <summary>Median and percentiles of a set of timings (nearest-rank).</summary>
public sealed record Stats(int Count, double Median, double P95, double P99, double Min, double Max)
{
    public static Stats Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Stats(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        var median = sorted.Length % 2 == 1
            ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        return new Stats(sorted.Length, median, Rank(0.95), Rank(0.99), sorted[0], sorted[^1]);
    }
}

/// <summary>Facts about the machine the figures were taken on.</summary>
public static class Machine
{
    /// <summary>The 1, 5 and 15 minute load averages, as uptime prints them.</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    public static string Describe() =>
        $"{Environment.ProcessorCount} cores, {TotalMemory()}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";

    private static string TotalMemory() =>
        string.Create(CultureInfo.InvariantCulture, $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (double)(1L << 30):0.0} GiB memory");
}

/// <summary>
/// CPU time used by a PostgreSQL server running on this machine, found by its port: the postmaster's own and its
/// reaped children's time (backends that have exited) plus the time of the children still running. Read from
/// /proc, in USER_HZ ticks (100 per second on Linux). Null when the server is not a local process we can see.
/// </summary>
public sealed class PostgresCpu
{
    private const double TicksPerSecond = 100;
    private readonly int _postmaster;

    private PostgresCpu(int postmaster) => _postmaster = postmaster;

    public static PostgresCpu? Find(string connectionString)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var port = new NpgsqlConnectionStringBuilder(connectionString).Port;
        var portArgument = $"\0-p\0{port}\0";
        try
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                {
                    continue;
                }

                var cmdline = TryRead(Path.Combine(dir, "cmdline"));
                if (cmdline is not null && cmdline.Contains(portArgument, StringComparison.Ordinal)
                    && Path.GetFileName(cmdline.Split('\0')[0]) == "postgres")
                {
                    return new PostgresCpu(pid);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return null;
    }

    public TimeSpan Total()
    {
        var ticks = 0L;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (Stat(Path.Combine(dir, "stat")) is not { } f)
            {
                continue;
            }

            var pid = int.Parse(Path.GetFileName(dir), CultureInfo.InvariantCulture);
            // Fields after "(comm)": [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime.
            if (pid == _postmaster)
            {
                ticks += f[11] + f[12] + f[13] + f[14];
            }
            else if (f[1] == _postmaster)
            {
                ticks += f[11] + f[12];
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static long[]? Stat(string path)
    {
        if (!char.IsAsciiDigit(Path.GetFileName(Path.GetDirectoryName(path)!)[0]) || TryRead(path) is not { } text)
        {
            return null;
        }

        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 14
            ? fields.Take(15).Select(v => long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : 0).ToArray()
            : null;
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>
/// How the machine's CPU was shared over the run: busy time of all cores from /proc/stat, against the CPU time of
/// this benchmark's own processes (this program, the app server, PostgreSQL). The rest was other work on the machine.
/// </summary>
public sealed class CpuShare
{
    private const double TicksPerSecond = 100;
    private readonly (long Busy, long Total)? _start;
    private readonly TimeSpan _selfStart;
    private readonly TimeSpan? _databaseStart;
    private readonly PostgresCpu? _database;

    private CpuShare(PostgresCpu? database)
    {
        _database = database;
        _start = ReadStat();
        _selfStart = SelfCpu();
        _databaseStart = database?.Total();
    }

    public static CpuShare Start(PostgresCpu? database) => new(database);

    /// <summary>"machine busy 93 % (this benchmark 55 %, other work 38 %)", in % of all cores over the run.</summary>
    public string Describe(TimeSpan serverCpu)
    {
        if (_start is not { } start || ReadStat() is not { } end || end.Total <= start.Total)
        {
            return "n/a";
        }

        var total = (end.Total - start.Total) / TicksPerSecond;
        var busy = (end.Busy - start.Busy) / TicksPerSecond;
        var ours = (SelfCpu() - _selfStart + serverCpu + ((_database?.Total() - _databaseStart) ?? TimeSpan.Zero)).TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"all cores {busy / total:P0} busy: this benchmark (its process, the app server, PostgreSQL) {Math.Min(ours, busy) / total:P0}, other work on the machine {Math.Max(0, busy - ours) / total:P0}");
    }

    private static TimeSpan SelfCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>Busy and total ticks of all cores: the "cpu" line of /proc/stat (user nice system idle iowait irq softirq steal ...).</summary>
    private static (long Busy, long Total)? ReadStat()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").First(l => l.StartsWith("cpu ", StringComparison.Ordinal));
            var values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
                .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var total = values.Sum();
            return (total - values[3] - values[4], total);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }
}
