using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace SafeCampus.Tests.Infrastructure;

/// <summary>
/// The app as a separate process — <c>dotnet SafeCampus.Web.dll</c> from the web project's build folder, as an
/// operator would start it — for what an in-process host cannot show: a server killed with SIGKILL and started
/// again on the same port, the address it binds from ASPNETCORE_URLS, a start it refuses. Environment variables
/// are the app's ordinary settings; each instance gets its own folders for logs, mail and data-protection keys
/// (kept across restarts, so sign-in cookies stay valid).
/// </summary>
public sealed partial class AppProcess : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "safecampus-tests", "process-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string> _environment;
    private readonly StringBuilder _output = new();
    private Process? _process;

    public AppProcess(IReadOnlyDictionary<string, string> environment)
    {
        _environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Scheduler__Enabled"] = "false",
            ["Logging__Directory"] = Path.Combine(_dir, "logs"),
            ["Email__PickupDirectory"] = Path.Combine(_dir, "mail"),
            ["DataProtection__KeysPath"] = Path.Combine(_dir, "keys"),
        };
        foreach (var (key, value) in environment)
        {
            _environment[key] = value;
        }
    }

    /// <summary>src/SafeCampus.Web/bin/{configuration}/net10.0/, built with the tests (the test project references it).</summary>
    public static string BuildFolder
    {
        get
        {
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = testOutput.Parent!.Name;
            return Path.Combine(Browser.BrowserFixture.RepositoryRoot, "src", "SafeCampus.Web", "bin", configuration, testOutput.Name);
        }
    }

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the app and waits until it listens; returns the address it reports listening on.</summary>
    public async Task<string> StartAsync(params string[] args)
    {
        Assert.True(_process is null || _process.HasExited, "already running");
        var started = Start(args);
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string line)
        {
            if (ListeningRegex().Match(line) is { Success: true } m)
            {
                listening.TrySetResult(m.Groups[1].Value);
            }
        }

        Lines += OnLine;
        try
        {
            // Lines already written before the handler was attached.
            foreach (var line in Output.Split('\n'))
            {
                OnLine(line);
            }

            var exited = started.WaitForExitAsync();
            var first = await Task.WhenAny(listening.Task, exited, Task.Delay(StartTimeout));
            if (first != listening.Task)
            {
                throw new InvalidOperationException($"The app did not start listening ({(started.HasExited ? $"exit {started.ExitCode}" : "timeout")}):\n{Output}");
            }

            return await listening.Task;
        }
        finally
        {
            Lines -= OnLine;
        }
    }

    /// <summary>Starts the app and waits for it to exit by itself; returns its exit code.</summary>
    public async Task<int> RunToExitAsync(params string[] args)
    {
        var process = Start(args);
        using var timeout = new CancellationTokenSource(StartTimeout);
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    /// <summary>SIGKILL, as a crash or the OOM killer would: no graceful shutdown, the circuits are dropped.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private event Action<string>? Lines;

    private Process Start(string[] args)
    {
        var dll = Path.Combine(BuildFolder, "SafeCampus.Web.dll");
        Assert.True(File.Exists(dll), $"{dll} not built");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = BuildFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Only what this instance says: the test runner's own hosting variables must not leak in.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        foreach (var (key, value) in _environment)
        {
            info.Environment[key] = value;
        }

        _process?.Dispose();
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        return _process;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        Lines?.Invoke(line);
    }

    [GeneratedRegex(@"Now listening on: (\S+)")]
    private static partial Regex ListeningRegex();
}
