using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using SafeCampus.Web.Data;

namespace SafeCampus.Web.Infrastructure.Scheduling;

/// <summary>A scheduled job: a plain injected class. Hangfire may run it twice or on two nodes at once (ADR 16).</summary>
public interface IScheduledJob
{
    Task ExecuteAsync(CancellationToken cancellationToken);
}

/// <summary>One recurring job: its name (the Hangfire recurring-job id), class, cron (China time) and queue.</summary>
public sealed record JobRegistration(string Name, Type JobType, string Cron, string Queue);

public sealed record SchedulerSettings(bool Enabled, string Schema, string ServerName);

public static class Scheduling
{
    public const string Schema = "hangfire";
    public const string DefaultQueue = "default";

    /// <summary>Back-off of Hangfire's automatic retries: a transient fault is retried within seconds, a longer one within the hour.</summary>
    public static readonly int[] RetryDelaysSeconds = [10, 60, 300, 900, 1800];

    /// <summary>
    /// Hangfire with its storage in the application's PostgreSQL database (schema <c>hangfire</c>). Every app instance
    /// runs a server with a distinct name; a job whose server died is picked up by another one after the (sliding)
    /// invisibility timeout. Feature areas add their jobs with <see cref="AddJob{TJob}"/> and never touch Hangfire.
    /// </summary>
    public static IHostApplicationBuilder AddScheduler(this IHostApplicationBuilder builder)
    {
        var database = DatabaseInfo.Of(builder);
        var config = builder.Configuration;
        var enabled = config.GetValue("Scheduler:Enabled", true);
        var serverName = config["Scheduler:ServerName"] is { Length: > 0 } name
            ? name.ToLowerInvariant() // Hangfire lower-cases it in the server id "{name}:{guid}"
            : $"{Environment.MachineName}-{Environment.ProcessId}".ToLowerInvariant();
        var settings = new SchedulerSettings(enabled, Schema, serverName);
        builder.Services.AddSingleton(settings);
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = Schema,
            PrepareSchemaIfNecessary = false, // created once by SchedulerStartup, before any server starts
            InvisibilityTimeout = TimeSpan.FromSeconds(config.GetValue("Scheduler:InvisibilitySeconds", 120)),
            UseSlidingInvisibilityTimeout = true,
            QueuePollInterval = TimeSpan.FromSeconds(config.GetValue("Scheduler:PollSeconds", 5.0)),
            DistributedLockTimeout = TimeSpan.FromMinutes(1),
        };
        // Hangfire's global configuration is process-wide; the storage and the log provider are this host's own
        // services instead (registered before AddHangfire, which then keeps them), so that several hosts in one
        // process — the tests' cluster nodes — never use one another's database or a disposed logger factory.
        builder.Services.AddSingleton<JobStorage>(_ => new PostgreSqlStorage(
            new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(database.ConnectionString, storageOptions), storageOptions));
        builder.Services.AddHangfire((sp, c) => c
            .UseLogProvider(new HangfireLogProvider(sp.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        // Hangfire's filters are process-wide: replace its default retry (10 attempts) with ours, once per process.
        lock (GlobalJobFilters.Filters)
        {
            GlobalJobFilters.Filters.Remove<AutomaticRetryAttribute>();
            GlobalJobFilters.Filters.Add(new AutomaticRetryAttribute { Attempts = RetryDelaysSeconds.Length, DelaysInSeconds = RetryDelaysSeconds });
        }

        builder.Services.AddScoped<ScheduledJobRunner>();
        // Registered before Hangfire's server: hosted services start in order, so the schema exists when it starts.
        builder.Services.AddHostedService<SchedulerStartup>();
        if (enabled)
        {
            builder.Services.AddHangfireServer((_, o) =>
            {
                o.ServerName = serverName;
                o.WorkerCount = config.GetValue("Scheduler:Workers", 4);
                o.Queues = [DefaultQueue, EmailQueue];
                o.SchedulePollingInterval = TimeSpan.FromSeconds(config.GetValue("Scheduler:PollSeconds", 5.0));
                o.ServerCheckInterval = TimeSpan.FromSeconds(config.GetValue("Scheduler:ServerCheckSeconds", 60.0));
                o.ServerTimeout = TimeSpan.FromSeconds(config.GetValue("Scheduler:ServerTimeoutSeconds", 300.0));
                o.ShutdownTimeout = TimeSpan.FromSeconds(30);
            });
        }

        builder.Services.AddHealthChecks().AddCheck<SchedulerHealthCheck>("scheduler");
        return builder;
    }

    public const string EmailQueue = "email";

    /// <summary>
    /// The one registration point of a recurring job: name, cron (evaluated in China time) and queue. The cron can be
    /// overridden per job by configuration (<c>Scheduler:Jobs:{name}:Cron</c>). Runs concurrently with itself and
    /// twice are both possible; the job's idempotency keys are the guarantee.
    /// </summary>
    public static IHostApplicationBuilder AddJob<TJob>(this IHostApplicationBuilder builder, string name, string cron, string queue = DefaultQueue)
        where TJob : class, IScheduledJob
    {
        var effective = builder.Configuration[$"Scheduler:Jobs:{name}:Cron"] is { Length: > 0 } configured ? configured : cron;
        builder.Services.AddScoped<TJob>();
        builder.Services.AddSingleton(new JobRegistration(name, typeof(TJob), effective, queue));
        return builder;
    }
}

/// <summary>
/// What Hangfire stores and calls for every recurring job: the job's name, not its class, so a renamed class never
/// strands stored jobs. Resolves the registered job in the job's DI scope and runs it.
/// </summary>
public sealed class ScheduledJobRunner(IServiceProvider services, IEnumerable<JobRegistration> registrations)
{
    [JobDisplayName("{0}")]
    public Task RunAsync(string name, CancellationToken cancellationToken)
    {
        var registration = registrations.SingleOrDefault(r => r.Name == name)
                           ?? throw new InvalidOperationException($"No scheduled job is registered as '{name}'.");
        var job = (IScheduledJob)services.GetRequiredService(registration.JobType);
        return job.ExecuteAsync(cancellationToken);
    }
}

/// <summary>
/// Before Hangfire's server starts: creates or upgrades the Hangfire schema once, under a PostgreSQL advisory lock
/// (two nodes starting together otherwise race to create it), then adds or updates every registered recurring job
/// in China time and removes recurring jobs no longer registered. With the scheduler disabled the jobs are still
/// registered (the dashboard shows them) but no server of this node runs them.
/// </summary>
public sealed class SchedulerStartup(DatabaseInfo database, SchedulerSettings settings, IServiceProvider services,
    IEnumerable<JobRegistration> registrations, ILogger<SchedulerStartup> log) : IHostedService
{
    private const long SchemaLockKey = 0x5AFECA3105;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await InstallSchemaAsync(database.OwnerConnectionString, cancellationToken);
        var manager = services.GetRequiredService<IRecurringJobManager>();
        var storage = services.GetRequiredService<JobStorage>();
        var wanted = registrations.ToList();
        foreach (var job in wanted)
        {
            manager.AddOrUpdate<ScheduledJobRunner>(job.Name, job.Queue, r => r.RunAsync(job.Name, CancellationToken.None), job.Cron,
                new RecurringJobOptions { TimeZone = China.TimeZone });
        }

        using var connection = storage.GetConnection();
        foreach (var stale in connection.GetRecurringJobs().Where(r => wanted.All(w => w.Name != r.Id)))
        {
            manager.RemoveIfExists(stale.Id);
        }

        log.LogInformation("Scheduler {Server} (server {State}): {Count} recurring jobs registered",
            settings.ServerName, settings.Enabled ? "on" : "off", wanted.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task InstallSchemaAsync(string connectionString, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('hangfire.schema') IS NOT NULL", conn))
        {
            if ((bool)(await exists.ExecuteScalarAsync(ct))! && await CurrentAsync(conn, ct))
            {
                return;
            }
        }

        await using (var lockCmd = new NpgsqlCommand($"SELECT pg_advisory_lock({SchemaLockKey})", conn))
        {
            await lockCmd.ExecuteNonQueryAsync(ct);
        }

        try
        {
            PostgreSqlObjectsInstaller.Install(conn, Scheduling.Schema);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({SchemaLockKey})", conn);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>The installer's last script version is recorded in hangfire.schema; a database at it needs nothing.</summary>
    private static async Task<bool> CurrentAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT max(version)::int FROM hangfire.schema", conn);
        return await cmd.ExecuteScalarAsync(ct) is int version && version >= LatestSchemaVersion;
    }

    /// <summary>The last schema script of Hangfire.PostgreSql 1.21.1 (Install.v23.sql); raise it with the package.</summary>
    public const int LatestSchemaVersion = 23;
}

/// <summary>Hangfire's log through the host's logging; a logger asked for after the host was disposed logs nothing.</summary>
public sealed class HangfireLogProvider(ILoggerFactory factory) : Hangfire.Logging.ILogProvider
{
    public Hangfire.Logging.ILog GetLogger(string name)
    {
        try
        {
            return new Hangfire.AspNetCore.AspNetCoreLogProvider(factory).GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return new Silent();
        }
    }

    private sealed class Silent : Hangfire.Logging.ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}

/// <summary>Healthy when this node's Hangfire server is alive in the storage (or the scheduler is disabled).</summary>
public sealed class SchedulerHealthCheck(SchedulerSettings settings, JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!settings.Enabled)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Scheduler disabled by configuration (Scheduler:Enabled=false)."));
        }

        try
        {
            var servers = storage.GetMonitoringApi().Servers();
            var mine = servers.FirstOrDefault(s => s.Name.StartsWith(settings.ServerName + ":", StringComparison.Ordinal));
            return Task.FromResult(mine is null
                ? HealthCheckResult.Unhealthy($"Hangfire server {settings.ServerName} is not registered ({servers.Count} servers alive).")
                : HealthCheckResult.Healthy($"Hangfire server {settings.ServerName}, {servers.Count} servers alive, last heartbeat {mine.Heartbeat:O}."));
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Scheduler storage unreachable.", ex));
        }
    }
}

/// <summary>
/// Hangfire's dashboard at <c>/admin/jobs</c> for operators: the administrators of the top bureau (the root of the
/// bureau tree). Someone not signed in is sent to the sign-in page; every other user gets 404, so the page's
/// existence is not told. Hangfire checks the antiforgery token of its actions (POST) itself.
/// </summary>
public static class JobDashboard
{
    public const string Path = "/admin/jobs";

    public static bool IsOperator(System.Security.Claims.ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
        && user.IsInRole(SafeCampus.Web.Domain.Roles.BureauAdmin)
        && user.FindFirst(SafeCampus.Web.Tenancy.TenantScope.SchoolClaim) is null
        && user.FindFirst(SafeCampus.Web.Tenancy.TenantScope.ScopeClaim)?.Value is { } scope
        && scope.Count(c => c == '/') == 2;

    public static WebApplication MapJobDashboard(this WebApplication app)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments(Path), branch => branch.Use(async (context, next) =>
        {
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
                && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false; // a refused action answers its own status, not the not-found page re-run as a POST
            }

            if (context.User.Identity?.IsAuthenticated != true)
            {
                await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.ChallengeAsync(context);
                return;
            }

            if (!IsOperator(context.User))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(context);
        }));
        app.UseHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [new OperatorFilter()],
            DashboardTitle = "SafeCampus · jobs",
            AppPath = "/",
            DisplayStorageConnectionString = false,
        });
        return app;
    }

    /// <summary>The same rule inside Hangfire, in case its middleware is ever reached another way.</summary>
    private sealed class OperatorFilter : Hangfire.Dashboard.IDashboardAuthorizationFilter
    {
        public bool Authorize(Hangfire.Dashboard.DashboardContext context) => IsOperator(Hangfire.Dashboard.AspNetCoreDashboardContextExtensions.GetHttpContext(context).User);
    }
}
