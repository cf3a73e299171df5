using System.Diagnostics;
using Serilog;
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
            .MinimumLevel.Override("Quartz", LogEventLevel.Warning)
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}")
            .WriteTo.Async(a => a.File(new JsonFormatter(renderMessage: true), Path.Combine(directory, "safecampus-.json"),
                rollingInterval: RollingInterval.Day, retainedFileCountLimit: 30))
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
                    context.Request.Method, context.Request.Path.Value, context.Response.StatusCode,
                    Stopwatch.GetElapsedTime(start).TotalMilliseconds, context.User.Identity?.Name ?? "-");
            }
        });
    }
}
