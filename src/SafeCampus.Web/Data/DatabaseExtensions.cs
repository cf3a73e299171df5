using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data.Interceptors;
using SafeCampus.Web.Infrastructure.Database;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Data;

public static class DatabaseExtensions
{
    public const string DatabaseName = "safecampus";

    /// <summary>
    /// One code path for the three ways to get PostgreSQL: <c>ConnectionStrings:Default</c> when configured, otherwise
    /// an embedded local cluster under the repository's .data folder (created once, stopped with the app).
    /// The app connects with <c>ConnectionStrings:Default</c>, a role that owns nothing and is subject to row-level
    /// security; migrations, the scheduler's schema and the grants run with <c>ConnectionStrings:Owner</c> (ADR 20).
    /// The embedded cluster uses its superuser as the owner and the role <see cref="DatabaseSecurity.DefaultAppRole"/>
    /// for the app.
    /// </summary>
    public static IHostApplicationBuilder AddDatabase(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Default");
        var ownerConnectionString = builder.Configuration.GetConnectionString("Owner");
        var embedded = string.IsNullOrWhiteSpace(connectionString);
        if (embedded)
        {
            var root = builder.Configuration["Database:LocalPath"] ?? Path.Combine(FindRepositoryRoot(builder.Environment.ContentRootPath), ".data", "postgres");
            var local = LocalPostgres.StartPersistent(root);
            local.EnsureDatabase(DatabaseName);
            ownerConnectionString = local.ConnectionString(DatabaseName);
            connectionString = new Npgsql.NpgsqlConnectionStringBuilder(ownerConnectionString) { Username = DatabaseSecurity.DefaultAppRole }.ConnectionString;
            builder.Services.AddSingleton(local);
            builder.Services.AddHostedService<LocalPostgresLifetime>();
        }

        // Once, here: the options action below runs for every DbContext.
        connectionString = WithPoolSettings(connectionString!);
        var info = new DatabaseInfo(connectionString, embedded)
        {
            OwnerConnectionString = string.IsNullOrWhiteSpace(ownerConnectionString) ? connectionString : ownerConnectionString,
        };
        builder.Properties[typeof(DatabaseInfo)] = info;
        builder.Services.AddSingleton(info);
        // One pool for the hand-written statements of the hot paths (parents' receipts, the 三防 return's fast path);
        // EF Core keeps its own.
        builder.Services.AddSingleton(_ => Npgsql.NpgsqlDataSource.Create(connectionString));
        builder.Services.AddScoped<TenantScope>();
        builder.Services.AddSingleton<TenantGuardInterceptor>();
        builder.Services.AddSingleton<AuditInterceptor>();
        builder.Services.AddSingleton<RowSecurityInterceptor>();
        builder.Services.AddDbContextFactory<AppDbContext>(
            (sp, options) => Configure(options, connectionString, sp), ServiceLifetime.Scoped);
        return builder;
    }

    public static void Configure(DbContextOptionsBuilder options, string connectionString, IServiceProvider sp)
    {
        var source = sp.GetRequiredService<Npgsql.NpgsqlDataSource>();
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory")
                .ExecutionStrategy(dependencies => new OutageRetryingExecutionStrategy(dependencies, source)))
            .AddInterceptors(sp.GetRequiredService<TenantGuardInterceptor>(), sp.GetRequiredService<AuditInterceptor>(),
                sp.GetRequiredService<RowSecurityInterceptor>());
    }

    /// <summary>
    /// Statements a connection has run a few times are prepared on it, so PostgreSQL parses and plans them once: the
    /// same few dozen queries serve every page, and planning was a large share of the database's CPU per request
    /// (docs/PERFORMANCE.md). A connection string that sets "Max Auto Prepare" itself wins.
    /// Connections are not reset when they go back to the pool ("No Reset On Close"): the app keeps no session state
    /// on a connection (no SET, temporary tables, LISTEN or session-level advisory locks), and the reset — a batch of
    /// statements parsed and run on the connection's next use, after every EF Core query — was a noticeable share of
    /// PostgreSQL's CPU per 三防 return. A connection string that mentions "Reset On Close" itself wins.
    /// </summary>
    public static string WithPoolSettings(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0 && !connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 100;
            builder.AutoPrepareMinUsages = 3;
        }

        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    private static string FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SafeCampus.sln")))
            {
                return dir.FullName;
            }
        }

        return start;
    }
}

public sealed record DatabaseInfo(string ConnectionString, bool Embedded)
{
    /// <summary>Migrations, the scheduler's schema and the grants; the app's own connection when none is configured.</summary>
    public string OwnerConnectionString { get; init; } = ConnectionString;

    /// <summary>False when the app connects as the owner: row-level security then does not apply (a warning at start).</summary>
    public bool SeparateAppRole => DatabaseSecurity.Separate(ConnectionString, OwnerConnectionString);

    public static DatabaseInfo Of(IHostApplicationBuilder builder) =>
        builder.Properties.TryGetValue(typeof(DatabaseInfo), out var info)
            ? (DatabaseInfo)info
            : throw new InvalidOperationException("AddDatabase() must run first.");
}

/// <summary>Stops the embedded cluster when the application stops.</summary>
internal sealed class LocalPostgresLifetime(LocalPostgres postgres) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        postgres.Stop();
        return Task.CompletedTask;
    }
}
