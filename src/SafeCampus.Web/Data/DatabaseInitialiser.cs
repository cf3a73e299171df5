using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SafeCampus.Web.Data.Seeding;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Data;

public static class DatabaseInitialiser
{
    /// <summary>
    /// Applies pending migrations, then seeds the demo city when asked (<c>--seed-demo</c>) or when the embedded
    /// development database is empty.
    /// </summary>
    public static async Task InitialiseDatabaseAsync(this WebApplication app, string[] args)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var tenant = scope.ServiceProvider.GetRequiredService<TenantScope>();
        using var _ = tenant.EnterSystem("startup");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var log = scope.ServiceProvider.GetRequiredService<ILogger<AppDbContext>>();
        var info = scope.ServiceProvider.GetRequiredService<DatabaseInfo>();
        await MigrateAsOwnerAsync(info, db.Model, log, app.Environment.IsProduction() && !app.Configuration.GetValue<bool>("Database:AllowOwnerConnection"));

        var empty = !await db.Bureaus.AnyAsync();
        if (args.Contains("--seed-demo") || (info.Embedded && empty))
        {
            var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
            log.LogInformation("Demo city seeded: {Seeded}", seeded);
        }

        var demoPresent = await db.Users.AnyAsync(u => u.UserName == DemoSeeder.Logins[0].UserName);
        app.Lifetime.ApplicationStarted.Register(() => PrintWelcome(app, info, demoPresent));
    }

    /// <summary>
    /// As the owner: applies pending migrations, creates the scheduler's schema, then sets up the app's role and
    /// row-level security (<see cref="DatabaseSecurity"/>). When the app connects as the owner itself, row-level
    /// security does not apply: a warning, or a refusal to start when <paramref name="refuseOwner"/>.
    /// </summary>
    public static async Task MigrateAsOwnerAsync(DatabaseInfo info, Microsoft.EntityFrameworkCore.Metadata.IModel model, ILogger log, bool refuseOwner = false)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(info.OwnerConnectionString).Options;
        var system = new TenantScope();
        using var _ = system.EnterSystem("migrations");
        await using (var owner = new AppDbContext(options, system))
        {
            // Create the history table first, so that a brand-new database does not log a failed query (as an error)
            // on the very first start.
            await owner.Database.ExecuteSqlRawAsync(owner.GetService<IHistoryRepository>().GetCreateIfNotExistsScript());
            var unknown = (await owner.Database.GetAppliedMigrationsAsync()).Except(owner.Database.GetMigrations()).ToList();
            if (unknown.Count > 0)
            {
                // The eight hand-written migrations of November 2026 were squashed into one baseline before any
                // database was deployed; a development database from before that cannot be upgraded in place.
                throw new InvalidOperationException(
                    $"The database has migrations this build does not know ({string.Join(", ", unknown)}). It was created by an " +
                    "earlier build: for the embedded development database, stop the app and delete .data/postgres.");
            }

            await owner.Database.MigrateAsync();
        }

        await Infrastructure.Scheduling.SchedulerStartup.InstallSchemaAsync(info.OwnerConnectionString);
        if (!info.SeparateAppRole)
        {
            const string message = "The app connects to PostgreSQL as the owner of its tables, so row-level security does not apply. " +
                                   "Set ConnectionStrings:Owner for migrations and let ConnectionStrings:Default log in as a role of its own (docs/security.md).";
            if (refuseOwner)
            {
                throw new InvalidOperationException(message + " To start anyway, set Database:AllowOwnerConnection=true.");
            }

            log.LogWarning(message);
            return;
        }

        await using var conn = new Npgsql.NpgsqlConnection(info.OwnerConnectionString);
        await conn.OpenAsync();
        await DatabaseSecurity.ApplyAsync(conn, info.ConnectionString, model);
    }

    private static void PrintWelcome(WebApplication app, DatabaseInfo info, bool demo)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine();
        text.AppendLine("SafeCampus 平安校园 is running:");
        foreach (var url in app.Urls)
        {
            text.AppendLine($"  {url}");
        }

        text.AppendLine(info.Embedded ? "  database: embedded local PostgreSQL (.data/postgres)" : "  database: ConnectionStrings:Default");
        if (demo)
        {
            text.AppendLine($"Demo logins (password for all: {DemoSeeder.Password}):");
            foreach (var login in DemoSeeder.Logins)
            {
                text.AppendLine($"  {login.UserName,-16} {login.Role,-20} {login.FullName} · {login.Org}");
            }
        }

        Console.WriteLine(text.ToString());
    }
}
