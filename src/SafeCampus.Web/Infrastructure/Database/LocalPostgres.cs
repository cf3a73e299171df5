using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SafeCampus.Web.Infrastructure.Database;

/// <summary>
/// A PostgreSQL cluster run from the machine's installed server binaries, for development (persistent, under the
/// repository's git-ignored .data folder) and for tests (throwaway, fsync off). When the process runs as root the
/// server runs as the <c>postgres</c> system user, because PostgreSQL refuses to run as root.
/// </summary>
public sealed class LocalPostgres : IDisposable
{
    private const string SystemUser = "postgres";
    private readonly string _dataDir;
    private readonly string _socketDir;
    private readonly bool _throwaway;
    private readonly string _binDir;
    private readonly bool _asPostgresUser;
    private bool _startedHere;

    private LocalPostgres(string rootDir, bool throwaway)
    {
        _throwaway = throwaway;
        _binDir = FindBinaries() ?? throw new LocalPostgresException(
            "没有找到 PostgreSQL 服务器程序（initdb、pg_ctl）。请安装：apt-get install postgresql；" +
            "或者使用 docker compose up（见 README），或设置 ConnectionStrings__Default 指向已有的数据库。\n" +
            "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install them with `apt-get install postgresql`, " +
            "use `docker compose up` (see README), or set ConnectionStrings__Default to an existing database.");
        _asPostgresUser = Environment.IsPrivilegedProcess && OperatingSystem.IsLinux();
        _dataDir = Path.Combine(rootDir, "data");
        _socketDir = Path.Combine(rootDir, "run");
        Directory.CreateDirectory(rootDir);
        Directory.CreateDirectory(_socketDir);
    }

    public int Port { get; private set; }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = SystemUser, Database = database, Pooling = true,
        IncludeErrorDetail = true,
    }.ConnectionString;

    /// <summary>Creates the cluster once and starts it, or reuses one this folder already runs.</summary>
    public static LocalPostgres StartPersistent(string rootDir)
    {
        var pg = new LocalPostgres(rootDir, throwaway: false);
        pg.Start();
        return pg;
    }

    /// <summary>A new cluster in a temporary folder, deleted on dispose. fsync is off: for tests only.</summary>
    public static LocalPostgres StartThrowaway()
    {
        var root = Path.Combine(Path.GetTempPath(), $"safecampus-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        var pg = new LocalPostgres(root, throwaway: true);
        pg.Start();
        return pg;
    }

    /// <summary>
    /// The admin ("postgres" database) connection string of the server named in the environment variable, or of a new
    /// throwaway cluster, which is then returned too so that the caller disposes of it. Used by tests and benchmarks.
    /// </summary>
    public static (string AdminConnectionString, LocalPostgres? Started) ConfiguredOrThrowaway(string environmentVariable)
    {
        var configured = Environment.GetEnvironmentVariable(environmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return (new NpgsqlConnectionStringBuilder(configured) { Database = "postgres" }.ConnectionString, null);
        }

        var local = StartThrowaway();
        return (local.ConnectionString("postgres"), local);
    }

    public void EnsureDatabase(string database)
    {
        using var conn = new NpgsqlConnection(ConnectionString("postgres"));
        conn.Open();
        using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", conn);
        exists.Parameters.AddWithValue("n", database);
        if (exists.ExecuteScalar() is null)
        {
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "", StringComparison.Ordinal)}\"", conn);
            create.ExecuteNonQuery();
        }
    }

    private void Start()
    {
        if (_asPostgresUser)
        {
            GiveToPostgresUser(Path.GetDirectoryName(_dataDir)!);
        }

        if (!File.Exists(Path.Combine(_dataDir, "PG_VERSION")))
        {
            Run("initdb", $"-D \"{_dataDir}\" -U {SystemUser} -A trust -E UTF8 --locale=C.UTF-8 --no-sync", TimeSpan.FromMinutes(2));
        }

        var running = ReadRunningPort();
        if (running is { } port && CanConnect(port))
        {
            // Left running by an earlier process that did not stop cleanly: adopt it, and stop it when we stop.
            Port = port;
            _startedHere = true;
            return;
        }

        Port = FreePort();
        var options = $"-c listen_addresses=127.0.0.1 -p {Port} -k '{_socketDir}'" +
                      (_throwaway ? " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" : ""); // every test class has a database and a pool of its own
        Run("pg_ctl", $"-D \"{_dataDir}\" -o \"{options}\" -l \"{Path.Combine(Path.GetDirectoryName(_dataDir)!, "postgres.log")}\" -w -t 60 start",
            TimeSpan.FromSeconds(90));
        _startedHere = true;
    }

    /// <summary>
    /// Restarts the server as an operator's <c>pg_ctl restart -m fast</c> would: every session is ended, new connections
    /// are refused until it is up again on the same port. For fault tests.
    /// </summary>
    public void Restart() =>
        Run("pg_ctl", $"-D \"{_dataDir}\" -m fast -w -t 60 -l \"{Path.Combine(Path.GetDirectoryName(_dataDir)!, "postgres.log")}\" restart", TimeSpan.FromSeconds(90));

    public void Stop()
    {
        if (!_startedHere)
        {
            return;
        }

        _startedHere = false;
        try
        {
            Run("pg_ctl", $"-D \"{_dataDir}\" -m fast -w stop", TimeSpan.FromSeconds(60));
        }
        catch (LocalPostgresException)
        {
            // Already stopped.
        }
    }

    public void Dispose()
    {
        Stop();
        if (_throwaway)
        {
            try
            {
                Directory.Delete(Path.GetDirectoryName(_dataDir)!, recursive: true);
            }
            catch (IOException)
            {
                // Best effort; the folder is under the temp directory.
            }
        }
    }

    private int? ReadRunningPort()
    {
        var pidFile = Path.Combine(_dataDir, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return null;
        }

        var lines = File.ReadAllLines(pidFile);
        return lines.Length > 3 && int.TryParse(lines[3], out var port) ? port : null;
    }

    private static bool CanConnect(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Run(string tool, string arguments, TimeSpan timeout)
    {
        var exe = Path.Combine(_binDir, tool);
        var psi = _asPostgresUser
            ? new ProcessStartInfo("runuser", $"-u {SystemUser} -- \"{exe}\" {arguments}")
            : new ProcessStartInfo(exe, arguments);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        psi.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(psi) ?? throw new LocalPostgresException($"Could not start {tool}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new LocalPostgresException($"{tool} did not finish within {timeout.TotalSeconds:0} s.");
        }

        if (process.ExitCode != 0)
        {
            throw new LocalPostgresException($"{tool} {arguments} failed ({process.ExitCode}): {stderr.Result}{stdout.Result}");
        }
    }

    private static void GiveToPostgresUser(string dir)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // The postgres user must own the cluster folder and be able to traverse every parent.
        using var chown = Process.Start("chown", $"-R {SystemUser}:{SystemUser} \"{dir}\"");
        chown?.WaitForExit();
        for (var parent = Path.GetDirectoryName(dir); !string.IsNullOrEmpty(parent); parent = Path.GetDirectoryName(parent))
        {
            var mode = File.GetUnixFileMode(parent);
            if (!mode.HasFlag(UnixFileMode.OtherExecute))
            {
                File.SetUnixFileMode(parent, mode | UnixFileMode.OtherExecute);
            }
        }
    }

    /// <summary>A PostgreSQL client tool (pg_dump, pg_restore …): the server's own version first, then whatever PATH has.</summary>
    internal static string FindTool(string tool) =>
        new[] { FindBinaries(), NewestDebianBinaries(tool) }.OfType<string>().Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists) ?? tool;

    private static string? NewestDebianBinaries(string tool) =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, tool)))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).FirstOrDefault()
            : null;

    internal static string? FindBinaries()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "pg_ctl")) && File.Exists(Path.Combine(d, "initdb")));
        if (onPath is not null)
        {
            return onPath;
        }

        const string debian = "/usr/lib/postgresql";
        return Directory.Exists(debian)
            ? Directory.GetDirectories(debian)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
    }
}

public sealed class LocalPostgresException(string message) : Exception(message);
