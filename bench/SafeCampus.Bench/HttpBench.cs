using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using SafeCampus.Web.Data.Seeding;

namespace SafeCampus.Bench;

/// <summary>Throughput and latency of one page for one signed-in user, over all rounds.</summary>
public sealed record HttpCase(
    string User, string Sees, string Path, int Concurrency, double Seconds, int Requests, int Errors, Stats Latency, long Bytes,
    double ServerCpuMs, double? DatabaseCpuMs, IReadOnlyList<double> RoundRates)
{
    public double RequestsPerSecond => Requests / Seconds;

    /// <summary>App-server CPU time per successful request: the figure least disturbed by other work on the machine.</summary>
    public double ServerCpuMsPerRequest => ServerCpuMs / Math.Max(1, Requests);

    public double? DatabaseCpuMsPerRequest => DatabaseCpuMs / Math.Max(1, Requests);

    /// <summary>Requests per second the machine's cores could serve if app and database had them to themselves.</summary>
    public double? CpuCeiling => Environment.ProcessorCount * 1000 / (ServerCpuMsPerRequest + DatabaseCpuMsPerRequest);
}

/// <summary>The HTTP part's cases and the app server's own memory.</summary>
public sealed record HttpReport(IReadOnlyList<HttpCase> Cases, long ServerPeakWorkingSet, string ServerGc, int Rounds, TimeSpan ServerCpu);

/// <summary>
/// Starts the built SafeCampus.Web as its own process on Kestrel at 127.0.0.1 and a free port, against the bench
/// database (scheduler off, Production environment), signs in through the login form as a county and a city
/// officer, and sends bounded loops of concurrent GETs of the bureau overview and the school list. Each case's
/// measured time is split into rounds that take turns with the other cases, so that load from elsewhere on a shared
/// machine falls on every case alike rather than on one.
/// </summary>
public static partial class HttpBench
{
    private const int WarmUpSeconds = 3;
    private const int Rounds = 3;
    private const int MaxRequestsPerWorker = 50_000;

    private static readonly (string User, string Sees)[] Users =
    [
        ("qs.safety", $"county, {BenchData.CountySize} schools"),
        ("city.safety", $"city, {BenchData.CountySize * 10:N0} schools"),
    ];

    /// <summary>Pages and a piece of markup that only the fully rendered page has.</summary>
    private static readonly (string Path, string Marker)[] Pages =
    [
        ("/", "class=\"tiles\""),
        ("/org/schools", "data-testid=\"schools\""),
    ];

    private sealed class Tally
    {
        public List<double> Latencies { get; } = [];
        public List<double> RoundRates { get; } = [];
        public int Errors { get; set; }
        public long Bytes { get; set; }
        public double Seconds { get; set; }
        public double ServerCpuMs { get; set; }
        public double? DatabaseCpuMs { get; set; } = 0;
    }

    public static async Task<HttpReport> RunAsync(string connectionString, string workDir, BenchOptions options, CancellationToken ct)
    {
        Progress.Say("http: starting SafeCampus.Web");
        await using var server = await AppServer.StartAsync(connectionString, workDir, ct);
        Progress.Say($"http: listening on {server.BaseAddress}");
        var database = PostgresCpu.Find(connectionString);
        var clients = new List<HttpClient>();
        try
        {
            var cases = new List<(string User, string Sees, HttpClient Client, string Path, string Marker, Tally Tally)>();
            foreach (var (user, sees) in Users)
            {
                var client = await SignInAsync(server.BaseAddress, user, options.Concurrency, ct);
                clients.Add(client);
                cases.AddRange(Pages.Select(p => (user, sees, client, p.Path, p.Marker, new Tally())));
            }

            foreach (var c in cases)
            {
                await LoadAsync(c.Client, c.Path, c.Marker, options.Concurrency, TimeSpan.FromSeconds(WarmUpSeconds), ct);
            }

            var roundLength = TimeSpan.FromSeconds((double)options.HttpSeconds / Rounds);
            for (var round = 1; round <= Rounds; round++)
            {
                foreach (var c in cases)
                {
                    var cpu = server.CpuTime();
                    var databaseCpu = database?.Total();
                    var (latencies, errors, bytes, elapsed) = await LoadAsync(c.Client, c.Path, c.Marker, options.Concurrency, roundLength, ct);
                    c.Tally.ServerCpuMs += (server.CpuTime() - cpu).TotalMilliseconds;
                    c.Tally.DatabaseCpuMs += (database?.Total() - databaseCpu)?.TotalMilliseconds;
                    c.Tally.Latencies.AddRange(latencies);
                    c.Tally.RoundRates.Add(latencies.Count / elapsed.TotalSeconds);
                    c.Tally.Errors += errors;
                    c.Tally.Bytes += bytes;
                    c.Tally.Seconds += elapsed.TotalSeconds;
                }

                Progress.Say($"http: round {round} of {Rounds}: " + string.Join(", ", cases.Select(c => $"{c.User} {c.Path} {c.Tally.RoundRates[^1]:N0} req/s")));
            }

            var results = cases.Select(c => new HttpCase(
                c.User, c.Sees, c.Path, options.Concurrency, c.Tally.Seconds, c.Tally.Latencies.Count, c.Tally.Errors,
                Stats.Of(c.Tally.Latencies), c.Tally.Latencies.Count == 0 ? 0 : c.Tally.Bytes / c.Tally.Latencies.Count,
                c.Tally.ServerCpuMs, c.Tally.DatabaseCpuMs, c.Tally.RoundRates)).ToList();
            return new HttpReport(results, server.PeakWorkingSet(), server.GcMode, Rounds, server.CpuTime());
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    /// <summary>Signs in through the login form: the page's antiforgery token, then the form post with _handler=login.</summary>
    internal static async Task<HttpClient> SignInAsync(Uri baseAddress, string user, int concurrency, CancellationToken ct)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            UseProxy = false,
            MaxConnectionsPerServer = concurrency,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            var page = await client.GetStringAsync(new Uri("/account/login", UriKind.Relative), ct);
            var token = TokenRegex().Match(page);
            if (!token.Success)
            {
                throw new InvalidOperationException("The login page has no antiforgery token.");
            }

            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
                ["Input.UserName"] = user,
                ["Input.Password"] = DemoSeeder.Password,
            });
            using var response = await client.PostAsync(new Uri("/account/login", UriKind.Relative), form, ct);
            if (response.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"Signing in as {user} gave {(int)response.StatusCode}, not a redirect.");
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// <paramref name="concurrency"/> workers, each sending one GET after the other until the time is up (and at
    /// most <see cref="MaxRequestsPerWorker"/>). A request counts when it is a 200 with the page's marker.
    /// </summary>
    private static async Task<(List<double> Latencies, int Errors, long Bytes, TimeSpan Elapsed)> LoadAsync(
        HttpClient client, string path, string marker, int concurrency, TimeSpan duration, CancellationToken ct)
    {
        var markerBytes = Encoding.UTF8.GetBytes(marker);
        var uri = new Uri(path, UriKind.Relative);
        var errors = 0;
        long bytes = 0;
        string? firstError = null;
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            var latencies = new List<double>();
            for (var i = 0; i < MaxRequestsPerWorker && Stopwatch.GetTimestamp() < deadline; i++)
            {
                ct.ThrowIfCancellationRequested();
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.GetAsync(uri, ct);
                    var body = await response.Content.ReadAsByteArrayAsync(ct);
                    var ms = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                    if (response.StatusCode == HttpStatusCode.OK && body.AsSpan().IndexOf(markerBytes) >= 0)
                    {
                        latencies.Add(ms);
                        Interlocked.Add(ref bytes, body.Length);
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                        Interlocked.CompareExchange(ref firstError, $"{(int)response.StatusCode} {response.Headers.Location}", null);
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
            Console.Error.WriteLine($"GET {path}: {errors} failed requests, the first: {firstError}");
        }

        return (all, errors, bytes, elapsed);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    internal static partial Regex TokenRegex();
}

/// <summary>The built SafeCampus.Web running as a child process on 127.0.0.1; killed (by its id) when disposed.</summary>
public sealed class AppServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private AppServer(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string GcMode { get; private set; } = "";

    /// <summary>
    /// Experiments only: SAFECAMPUS_BENCH_APP_ENV="KEY=value;KEY2=value" is added to the app server's environment, e.g.
    /// "DOTNET_PerfMapEnabled=1" to profile it with perf. The receipt and 三防 reports name the keys they ran with.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ExperimentEnvironment() =>
        (Environment.GetEnvironmentVariable("SAFECAMPUS_BENCH_APP_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");

    public static async Task<AppServer> StartAsync(string connectionString, string workDir, CancellationToken ct,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var (dll, contentRoot) = Locate();
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo(DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = contentRoot,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(contentRoot);
        foreach (var inherited in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS" })
        {
            start.Environment.Remove(inherited);
        }

        // Development: a build folder serves its static assets only there (outside it, the app refuses to start from a
        // build folder and asks to be published), as the tests' out-of-process nodes run it. The benchmark signs in
        // hundreds of users from one address: the per-address sign-in limit would stop it.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["Account__SignIn__PerIpPerMinute"] = "0"; // 0: no per-address limit
        foreach (var (key, value) in BenchConnections.For(connectionString, "__"))
        {
            start.Environment[key] = value;
        }

        start.Environment["Scheduler__Enabled"] = "false";
        start.Environment["Logging__Directory"] = Path.Combine(workDir, "server-logs");
        start.Environment["DataProtection__KeysPath"] = Path.Combine(workDir, "server-keys");
        start.Environment["Email__PickupDirectory"] = Path.Combine(workDir, "server-mail");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start SafeCampus.Web.");
        var server = new AppServer(process, baseAddress);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilReadyAsync(ct);
            server.GcMode = server.ReadGcMode();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>CPU time the server process has used so far (all its threads).</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.HasExited ? TimeSpan.Zero : _process.TotalProcessorTime;
    }

    /// <summary>The server process's peak working set so far (VmHWM).</summary>
    public long PeakWorkingSet()
    {
        _process.Refresh();
        return _process.HasExited ? 0 : _process.PeakWorkingSet64;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine($"SafeCampus.Web (pid {_process.Id}) did not exit within 15 s.");
            }
        }

        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync(CancellationToken ct)
    {
        using var probe = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.GetTimestamp() + (90 * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"SafeCampus.Web exited with {_process.ExitCode}:\n{Output()}");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri("/healthz", UriKind.Relative), ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // Slow first response.
            }

            await Task.Delay(250, ct);
        }

        throw new InvalidOperationException($"SafeCampus.Web did not answer /healthz within 90 s:\n{Output()}");
    }

    private string ReadGcMode()
    {
        var config = Path.ChangeExtension(_process.StartInfo.ArgumentList[0], ".runtimeconfig.json");
        return File.Exists(config) && File.ReadAllText(config).Contains("\"System.GC.Server\": true", StringComparison.Ordinal) ? "server GC" : "workstation GC";
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > 40)
            {
                _output.Dequeue();
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return string.Join('\n', _output);
        }
    }

    /// <summary>
    /// SafeCampus.Web.dll as built alongside this program (the project reference builds it in the same
    /// configuration), run with src/SafeCampus.Web as content root, as `dotnet run` would.
    /// </summary>
    private static (string Dll, string ContentRoot) Locate()
    {
        var repo = FindRepositoryRoot() ?? throw new InvalidOperationException("Run the benchmark from the SafeCampus repository (SafeCampus.sln not found).");
        var project = Path.Combine(repo, "src", "SafeCampus.Web");
        var configuration = typeof(AppServer).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var candidates = new[]
        {
            Path.Combine(project, "bin", configuration, "net10.0", "SafeCampus.Web.dll"),
            Path.Combine(AppContext.BaseDirectory, "SafeCampus.Web.dll"),
        };
        var dll = candidates.FirstOrDefault(c => File.Exists(c) && File.Exists(Path.ChangeExtension(c, ".runtimeconfig.json")))
                  ?? throw new InvalidOperationException($"SafeCampus.Web.dll not found in {string.Join(" or ", candidates)}; build the solution first.");
        return (dll, project);
    }

    private static string? FindRepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SafeCampus.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    /// <summary>The dotnet host running this program (or the one on PATH when run through an apphost).</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
