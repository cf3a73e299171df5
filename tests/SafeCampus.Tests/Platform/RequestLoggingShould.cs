using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SafeCampus.Tests.Infrastructure;

namespace SafeCampus.Tests.Platform;

public sealed class RequestLoggingShould(RequestLoggingShould.Fixture app) : IClassFixture<RequestLoggingShould.Fixture>
{
    private const string RequestSource = "Serilog.AspNetCore.RequestLoggingMiddleware";

    /// <summary>
    /// The demo app, plus a probe that writes one application event inside every request (as a page or endpoint
    /// would), and a level override given the way an operator would (a setting, here through the test host).
    /// </summary>
    public sealed class Fixture : DemoAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Serilog:MinimumLevel:Override:SafeCampus.Tests.Quiet", "Error");
            builder.ConfigureServices(s => s.AddTransient<IStartupFilter, ProbeStartupFilter>());
        }
    }

    private sealed class ProbeStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            var loggers = app.ApplicationServices.GetRequiredService<ILoggerFactory>();
            var probe = loggers.CreateLogger("SafeCampus.Tests.Probe");
            var quiet = loggers.CreateLogger("SafeCampus.Tests.Quiet");
            app.Use(async (context, nextMiddleware) =>
            {
                // Quiet first: once the probe's event is on disk, the quiet one would be too (one ordered writer).
                quiet.LogWarning("Quiet {Marker}", context.Request.Query["probe"].ToString());
                probe.LogInformation("Probe {Marker}", context.Request.Query["probe"].ToString());
                await nextMiddleware();
            });
            next(app);
        };
    }

    [Fact]
    public async Task WriteOneEventPerRequestWithMethodPathStatusTimeUserAndTenantScope()
    {
        var client = await app.LoginAsync("qs.admin");
        var missing = $"/files/{Guid.NewGuid()}";
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(missing)).StatusCode);
        var probe = Guid.NewGuid().ToString("N");
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/healthz?probe=" + probe)).StatusCode);

        var line = Assert.Single(await WaitForAsync(e => Source(e) == RequestSource && Text(e, "RequestPath") == missing));
        Assert.Equal("GET", Text(line, "RequestMethod"));
        Assert.Equal(404, line.GetProperty("StatusCode").GetInt32());
        Assert.Equal("qs.admin", Text(line, "User"));
        Assert.Equal(app.Org.Qingshan.Path, Text(line, "TenantScope"));
        Assert.InRange(line.GetProperty("Elapsed").GetDouble(), 0, 60_000);
        Assert.Equal("HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms by {User}", Text(line, "@mt"));
        Assert.False(line.TryGetProperty("@l", out _), "a 404 is an Information event (the compact format omits that level)");

        // Anonymous, and the query string is not part of the logged path.
        var health = Assert.Single(await WaitForAsync(e => Source(e) == RequestSource && Text(e, "RequestPath") == "/healthz"));
        Assert.Equal(200, health.GetProperty("StatusCode").GetInt32());
        Assert.Equal("-", Text(health, "User"));
        Assert.Equal("-", Text(health, "TenantScope"));
        Assert.DoesNotContain(await WaitForAsync(_ => true), e => Source(e) == RequestSource && Text(e, "RequestPath")!.Contains(probe, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WriteCompactJsonToDailyFilesInTheConfiguredDirectoryWithConfiguredLevels()
    {
        var probe = Guid.NewGuid().ToString("N");
        await app.CreateClient().GetAsync("/healthz?probe=" + probe);

        var events = await WaitForAsync(e => Source(e) == "SafeCampus.Tests.Probe" && Text(e, "Marker") == probe);
        var probeEvent = Assert.Single(events);
        Assert.Equal("Probe {Marker}", Text(probeEvent, "@mt"));
        Assert.True(DateTimeOffset.TryParse(Text(probeEvent, "@t"), out _));
        Assert.Equal("/healthz", Text(probeEvent, "RequestPath")); // the hosting scope's properties come along

        // Serilog:MinimumLevel:Override:SafeCampus.Tests.Quiet = Error, set as an operator would: its warning is dropped.
        Assert.DoesNotContain(ReadEvents(), e => Source(e) == "SafeCampus.Tests.Quiet");
        Assert.Contains(Directory.GetFiles(app.LogDirectory),
            f => Path.GetFileName(f) == $"safecampus-{DateTime.Now:yyyyMMdd}.json");
    }

    [Fact]
    public async Task NeverWriteAParentsReceiptTokenIntoTheLog()
    {
        var token = "Zq" + Guid.NewGuid().ToString("N")[..20];
        var probe = Guid.NewGuid().ToString("N");
        await app.CreateClient().GetAsync($"/r/{token}?probe={probe}");

        var request = Assert.Single(await WaitForAsync(e => Source(e) == RequestSource && Text(e, "RequestPath") == "/r/…"));
        Assert.Equal("-", Text(request, "User"));
        // An application event during the request carries the hosting scope's RequestPath: redacted too.
        var probeEvent = Assert.Single(await WaitForAsync(e => Source(e) == "SafeCampus.Tests.Probe" && Text(e, "Marker") == probe));
        Assert.Equal("/r/…", Text(probeEvent, "RequestPath"));

        var leaks = Directory.GetFiles(app.LogDirectory, "*.json")
            .SelectMany(f =>
            {
                using var s = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                return new StreamReader(s).ReadToEnd().Split('\n');
            })
            .Where(line => line.Contains(token, StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, "The token was logged:\n" + string.Join("\n", leaks));
    }

    [Fact]
    public async Task CopyTheLogOfAnAppThatLoggedAnErrorToTheArtifacts()
    {
        var factory = new ErrorAppFactory();
        await factory.InitializeAsync();
        var probe = Guid.NewGuid().ToString("N");
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/healthz?fail=" + probe)).StatusCode);
        await factory.DisposeAsync();

        var kept = Path.Combine(Browser.BrowserFixture.RepositoryRoot, "artifacts", "test-logs");
        var copied = (Directory.Exists(kept) ? Directory.GetDirectories(kept, nameof(ErrorAppFactory) + "-*") : [])
            .SelectMany(d => Directory.GetFiles(d, "*.json"))
            .Where(f => File.ReadAllText(f).Contains(probe, StringComparison.Ordinal))
            .ToList();
        Assert.Single(copied);
        foreach (var dir in copied.Select(Path.GetDirectoryName).Distinct())
        {
            Directory.Delete(dir!, recursive: true);
        }
    }

    /// <summary>An app that logs an error on a request with ?fail=, as a failing page would.</summary>
    private sealed class ErrorAppFactory : AppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddTransient<IStartupFilter, FailStartupFilter>());
        }

        private sealed class FailStartupFilter : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                var log = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("SafeCampus.Tests.Fail");
                app.Use(async (context, nextMiddleware) =>
                {
                    if (context.Request.Query["fail"].ToString() is { Length: > 0 } marker)
                    {
                        log.LogError(new InvalidOperationException("test failure"), "Failed {Marker}", marker);
                    }

                    await nextMiddleware();
                });
                next(app);
            };
        }
    }

    private static string? Source(JsonElement e) => Text(e, "SourceContext");

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    /// <summary>The file sink sits behind Serilog's async wrapper: waits up to five seconds for matching events.</summary>
    private async Task<List<JsonElement>> WaitForAsync(Func<JsonElement, bool> match)
    {
        List<JsonElement> found = [];
        for (var i = 0; i < 50 && found.Count == 0; i++)
        {
            if (i > 0)
            {
                await Task.Delay(100);
            }

            found = ReadEvents().Where(match).ToList();
        }

        return found;
    }

    /// <summary>Every event (one compact JSON object a line) in the app's log files.</summary>
    private List<JsonElement> ReadEvents()
    {
        var result = new List<JsonElement>();
        if (!Directory.Exists(app.LogDirectory))
        {
            return result;
        }

        foreach (var file in Directory.GetFiles(app.LogDirectory, "*.json"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } text)
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                try
                {
                    using var doc = JsonDocument.Parse(text);
                    result.Add(doc.RootElement.Clone());
                }
                catch (JsonException)
                {
                    // a line the sink is still writing
                }
            }
        }

        return result;
    }
}
