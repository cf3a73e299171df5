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
        // Create the history table first, so that a brand-new database does not log a failed query (as an error) on
        // the very first start.
        await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript());
        var unknown = (await db.Database.GetAppliedMigrationsAsync()).Except(db.Database.GetMigrations()).ToList();
        if (unknown.Count > 0)
        {
            // The eight hand-written migrations of November 2026 were squashed into one baseline before any database
            // was deployed; a development database from before that cannot be upgraded in place.
            throw new InvalidOperationException(
                $"The database has migrations this build does not know ({string.Join(", ", unknown)}). It was created by an " +
                "earlier build: for the embedded development database, stop the app and delete .data/postgres.");
        }

        await db.Database.MigrateAsync();

        var info = scope.ServiceProvider.GetRequiredService<DatabaseInfo>();
        var empty = !await db.Bureaus.AnyAsync();
        if (args.Contains("--seed-demo") || (info.Embedded && empty))
        {
            var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
            log.LogInformation("Demo city seeded: {Seeded}", seeded);
        }

        var demoPresent = await db.Users.AnyAsync(u => u.UserName == DemoSeeder.Logins[0].UserName);
        app.Lifetime.ApplicationStarted.Register(() => PrintWelcome(app, info, demoPresent));
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
