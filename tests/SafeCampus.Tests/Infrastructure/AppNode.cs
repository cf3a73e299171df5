using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SafeCampus.Tests.Infrastructure;

/// <summary>
/// The built SafeCampus.Web as a child process on 127.0.0.1 (a port in 5500–5699), for tests that must kill a node
/// as an operator's <c>kill -9</c> would. Killed by its id when disposed.
/// </summary>
public sealed class AppNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private AppNode(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public static async Task<AppNode> StartAsync(string connectionString, string workDir, IReadOnlyDictionary<string, string> environment)
    {
        var project = Path.Combine(Browser.BrowserFixture.RepositoryRoot, "src", "SafeCampus.Web");
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = new[] { Path.Combine(project, "bin", configuration, "net10.0", "SafeCampus.Web.dll"), Path.Combine(AppContext.BaseDirectory, "SafeCampus.Web.dll") }
            .First(c => File.Exists(c) && File.Exists(Path.ChangeExtension(c, ".runtimeconfig.json")));
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo(Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = project,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(project);
        foreach (var inherited in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS" })
        {
            start.Environment.Remove(inherited);
        }

        // Development: a build folder serves its static assets only there (a Testing or Production build folder refuses
        // to start), as the other out-of-process tests (AppProcess) run it.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Default"] = connectionString;
        start.Environment["ConnectionStrings__Owner"] = TestDatabase.AsOwner(connectionString);
        start.Environment["Logging__Directory"] = Path.Combine(workDir, "logs");
        start.Environment["DataProtection__KeysPath"] = Path.Combine(workDir, "keys");
        start.Environment["Email__PickupDirectory"] = Path.Combine(workDir, "mail");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start SafeCampus.Web.");
        var node = new AppNode(process, baseAddress);
        process.OutputDataReceived += (_, e) => node.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => node.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await node.WaitUntilReadyAsync();
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL, as <c>kill -9</c>: no shutdown, no finally blocks, its connections simply drop.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(wait.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"SafeCampus.Web (pid {_process.Id}) did not exit within 30 s.");
        }

        _process.Dispose();
    }

    public string Output()
    {
        lock (_output)
        {
            return string.Join('\n', _output);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var probe = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.GetTimestamp() + (120 * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"SafeCampus.Web exited with {_process.ExitCode}:\n{Output()}");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow first response.
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException($"SafeCampus.Web did not answer /healthz within 120 s:\n{Output()}");
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
            while (_output.Count > 60)
            {
                _output.Dequeue();
            }
        }
    }

    private static int _next = Random.Shared.Next(200);

    /// <summary>A free port in 5500–5699 (the range this project's tests use).</summary>
    private static int FreePort()
    {
        for (var i = 0; i < 200; i++)
        {
            var port = 5500 + (Interlocked.Increment(ref _next) % 200);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // In use; try the next one.
            }
        }

        throw new InvalidOperationException("No free port in 5500–5699.");
    }
}
