using System.Diagnostics;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace SafeCampus.Web.Infrastructure;

public static class Logging
{
    /// <summary>Serilog to the console and to a daily rolling JSON file (Logging:Directory, default ./logs).</summary>
    public static IHostApplicationBuilder AddSafeCampusLogging(this IHostApplicationBuilder builder)
    {
        var directory = builder.Configuration["Logging:Directory"] ?? Path.Combine(builder.Environment.ContentRootPath, "logs");
        var logger = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .MinimumLevel.Override("Hangfire", LogEventLevel.Warning)
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .Enrich.With<ReceiptTokenRedactor>()
            // One background writer for both sinks: a request's log line wakes one thread, not two.
            .WriteTo.Async(a =>
            {
                a.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}");
                a.File(new JsonFormatter(renderMessage: true), Path.Combine(directory, "safecampus-.json"),
                    rollingInterval: RollingInterval.Day, retainedFileCountLimit: 30);
            })
            .CreateLogger();
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger, dispose: true);
        return builder;
    }

    /// <summary>One log line per request: method, path, status, milliseconds, user.</summary>
    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app)
    {
        var log = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("SafeCampus.Request");
        return app.Use(async (context, next) =>
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                await next();
            }
            finally
            {
                log.LogInformation("HTTP {Method} {Path} responded {StatusCode} in {Elapsed:0.0} ms by {User}",
                    context.Request.Method, LoggedPath(context.Request.Path), context.Response.StatusCode,
                    Stopwatch.GetElapsedTime(start).TotalMilliseconds, context.User.Identity?.Name ?? "-");
            }
        });
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
        path.StartsWithSegments("/r", out var rest) && rest.HasValue ? "/r/…" : path.Value;
}
