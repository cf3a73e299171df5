using Serilog;
using Serilog.AspNetCore;
using Serilog.Core;
using Serilog.Events;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Infrastructure;

public static class Logging
{
    /// <summary>Where the "Serilog" section's file sink gets its file name; its folder is Logging:Directory.</summary>
    private const string FilePathKey = "Serilog:WriteTo:Async:Args:configure:File:Args:path";

    /// <summary>
    /// Serilog as configured in the "Serilog" section (levels, enrichers, sinks), its log files in Logging:Directory
    /// (relative to the content root, default logs/), and one request event per request (see <see cref="Configure"/>).
    /// </summary>
    public static IHostApplicationBuilder AddSafeCampusLogging(this IHostApplicationBuilder builder)
    {
        var directory = Path.Combine(builder.Environment.ContentRootPath, builder.Configuration["Logging:Directory"] ?? "logs");
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(builder.Configuration)
            .AddInMemoryCollection([new(FilePathKey, Path.Combine(directory, builder.Configuration[FilePathKey] ?? "safecampus-.json"))])
            .Build();

        // preserveStaticLogger: every app instance (test factories run several in one process) keeps its own logger.
        builder.Services.AddSerilog(log => log
                .ReadFrom.Configuration(configuration)
                .Enrich.With<ReceiptTokenRedactor>(),
            preserveStaticLogger: true);
        builder.Services.AddOptions<RequestLoggingOptions>().Configure<Serilog.ILogger>(Configure);
        return builder;
    }

    /// <summary>
    /// UseSerilogRequestLogging's event: method, path (receipt tokens redacted), status, milliseconds, user and the
    /// tenant scope the request ran in. Written through the app's own logger, not the static one.
    /// </summary>
    private static void Configure(RequestLoggingOptions options, Serilog.ILogger logger)
    {
        options.Logger = logger;
        options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms by {User}";
        options.GetMessageTemplateProperties = (http, _, elapsed, status) =>
        [
            new LogEventProperty("RequestMethod", new ScalarValue(http.Request.Method)),
            new LogEventProperty("RequestPath", new ScalarValue(LoggedPath(http.Request.Path))),
            new LogEventProperty("StatusCode", new ScalarValue(status)),
            new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
        ];
        options.EnrichDiagnosticContext = (diagnostics, http) =>
        {
            diagnostics.Set("User", http.User.Identity?.Name ?? "-");
            diagnostics.Set("TenantScope", http.RequestServices.GetService<TenantScope>()?.Path ?? "-");
        };
    }

    /// <summary>Rewrites the hosting scope's RequestPath of receipt links, which every event of the request carries.</summary>
    private sealed class ReceiptTokenRedactor : ILogEventEnricher
    {
        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
        {
            if (logEvent.Properties.TryGetValue("RequestPath", out var value) && value is ScalarValue { Value: string path }
                && LoggedPath(new PathString(path)) is { } logged && logged != path)
            {
                logEvent.AddOrUpdateProperty(propertyFactory.CreateProperty("RequestPath", logged));
            }
        }
    }

    /// <summary>
    /// The path as logged. A parent's receipt link (/r/{token}) is a capability: whoever reads the log could
    /// acknowledge for the parent, so the token is never written down.
    /// </summary>
    public static string? LoggedPath(PathString path) =>
        path.StartsWithSegments("/r", out var rest) && rest.HasValue ? "/r/…"
        : path.StartsWithSegments("/t", out var training) && training.HasValue ? "/t/…" // a training's check-in link, the same kind of capability
        : path.Value;
}
