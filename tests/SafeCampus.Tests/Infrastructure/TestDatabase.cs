using Microsoft.EntityFrameworkCore;
using Npgsql;
using SafeCampus.Web.Data;
using SafeCampus.Web.Infrastructure.Database;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Infrastructure;

/// <summary>
/// One PostgreSQL server per test run: a throwaway cluster started by the app's own <see cref="LocalPostgres"/>
/// (fsync off), or the server named by SAFECAMPUS_TEST_DB. A template database is migrated once; each test class
/// gets a fresh copy of it. There is no fallback: if no server can be had, every test that needs one fails.
/// Like the app, tests connect as the app's role (<see cref="DatabaseSecurity.DefaultAppRole"/>), under row-level
/// security; <see cref="AsOwner"/> gives the owner's connection for what the app's role may not do (dumps, schema
/// comparisons, tampering with the audit trail).
/// </summary>
public static class TestDatabase
{
    public const string EnvironmentVariable = "SAFECAMPUS_TEST_DB";
    private const string Template = "safecampus_template";
    private static readonly Lazy<Server> Instance = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly SemaphoreSlim CreateLock = new(1, 1);

    /// <summary>The app role's password where the server asks for one (a server named by SAFECAMPUS_TEST_DB).</summary>
    private const string AppPassword = "safecampus-app-test";

    /// <summary>The same database, logged in as the app's role.</summary>
    public static string AsApp(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Username = DatabaseSecurity.DefaultAppRole, Password = AppPassword }.ConnectionString;

    /// <summary>The same database, logged in as the test server's administrator, who owns the tables.</summary>
    public static string AsOwner(string connectionString)
    {
        var admin = new NpgsqlConnectionStringBuilder(Instance.Value.Admin);
        return new NpgsqlConnectionStringBuilder(connectionString) { Username = admin.Username, Password = admin.Password }.ConnectionString;
    }

    /// <summary>A connection string (the app's role) to a new database with every migration applied.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var server = Instance.Value;
        var name = $"t_{Guid.NewGuid():N}";
        await CreateLock.WaitAsync(); // CREATE DATABASE ... TEMPLATE needs the template to have no other sessions.
        try
        {
            await using var conn = new NpgsqlConnection(server.Admin);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{Template}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        finally
        {
            CreateLock.Release();
        }

        // In the form the app uses (auto-prepare on), so that the app, the test's contexts and its raw connections
        // share one pool per database instead of opening two.
        return AsApp(SafeCampus.Web.Data.DatabaseExtensions.WithPoolSettings(new NpgsqlConnectionStringBuilder(server.Admin) { Database = name }.ConnectionString));
    }

    /// <summary>An owner's connection string to a new, empty database (no migrations).</summary>
    public static async Task<string> CreateEmptyDatabaseAsync()
    {
        var server = Instance.Value;
        var name = $"e_{Guid.NewGuid():N}";
        await using var conn = new NpgsqlConnection(server.Admin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
        await cmd.ExecuteNonQueryAsync();
        // In the form the app uses (auto-prepare on), so that the app, the test's contexts and its raw connections
        // share one pool per database instead of opening two.
        return SafeCampus.Web.Data.DatabaseExtensions.WithPoolSettings(new NpgsqlConnectionStringBuilder(server.Admin) { Database = name }.ConnectionString);
    }

    private static Server Start()
    {
        var (admin, local) = LocalPostgres.ConfiguredOrThrowaway(EnvironmentVariable);
        if (local is not null)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => local.Dispose();
        }

        NpgsqlConnection.ClearAllPools();
        using (var conn = new NpgsqlConnection(admin))
        {
            conn.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Template}\" WITH (FORCE)", conn);
            drop.ExecuteNonQuery();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{Template}\"", conn);
            create.ExecuteNonQuery();
        }

        Migrate(new NpgsqlConnectionStringBuilder(admin) { Database = Template, Pooling = false }.ConnectionString);
        return new Server(admin, local);
    }

    /// <summary>
    /// As every app start does, given the owner's connection: every migration, the Hangfire schema, the app's role,
    /// its grants and row-level security.
    /// </summary>
    public static void Migrate(string ownerConnectionString)
    {
        using var model = CreateContext("Host=unused;Database=unused", new TenantScope());
        var info = new DatabaseInfo(AsApp(ownerConnectionString), Embedded: false) { OwnerConnectionString = ownerConnectionString };
        DatabaseInitialiser.MigrateAsOwnerAsync(info, model.Model, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance).GetAwaiter().GetResult();
    }

    /// <summary>A context outside DI, for schema work and direct assertions.</summary>
    public static AppDbContext CreateContext(string connectionString, TenantScope scope)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>()
            .UseNpgsql(SafeCampus.Web.Data.DatabaseExtensions.WithPoolSettings(connectionString)) // the app's pool, not a second one per database
            .AddInterceptors(new SafeCampus.Web.Data.Interceptors.TenantGuardInterceptor(), new SafeCampus.Web.Data.Interceptors.AuditInterceptor(TimeProvider.System),
                new RowSecurityInterceptor())
            .Options;
        return new AppDbContext(options, scope);
    }

    /// <summary>A context that sees and may change the whole tree, for arranging data and asserting on it.</summary>
    public static AppDbContext CreateSystemContext(string connectionString)
    {
        var scope = new TenantScope();
        scope.EnterSystem("test");
        return CreateContext(connectionString, scope);
    }

    private sealed record Server(string Admin, LocalPostgres? Local);
}
