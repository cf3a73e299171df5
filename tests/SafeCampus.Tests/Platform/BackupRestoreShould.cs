using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Infrastructure.Database;
using SafeCampus.Web.Infrastructure.Files;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Platform;

/// <summary>
/// docs/operations.md's backup and restore, done: <c>pg_dump -Fc</c> of a seeded database with an uploaded file and
/// Hangfire's schema, <c>pg_restore</c> into an empty database; every table has the same number of rows and every
/// stored file the same SHA-256, recomputed from its restored bytes.
/// </summary>
public sealed class BackupRestoreShould(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    [Fact]
    public async Task RestoreEveryRowAndEveryFileFromADump()
    {
        await using (var scope = await app.ScopeAsAsync("qs1z.director"))
        {
            var store = scope.ServiceProvider.GetRequiredService<FileStore>();
            var school = scope.ServiceProvider.GetRequiredService<TenantScope>().Path!;
            await store.SaveAsync(new MemoryStream(Drills.SchoolSide.TestImages.Png(40, 30)), "校门.png", FileCategory.Image, school);
        }

        var bin = new[] { LocalPostgres.FindBinaries() }
            .Concat(Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")) : [])
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
            .FirstOrDefault(d => d is not null && File.Exists(Path.Combine(d, "pg_dump")) && File.Exists(Path.Combine(d, "pg_restore")))
            ?? throw new InvalidOperationException("pg_dump and pg_restore not found (apt-get install postgresql-client)");
        var dump = Path.Combine(Path.GetTempPath(), $"safecampus-{Guid.NewGuid():N}.dump");
        var restored = await TestDatabase.CreateEmptyDatabaseAsync();
        try
        {
            await RunAsync(Path.Combine(bin, "pg_dump"), $"--format=custom --no-owner --file={dump} --dbname={Url(app.ConnectionString)}");
            await RunAsync(Path.Combine(bin, "pg_restore"), $"--no-owner --exit-on-error --dbname={Url(restored)} {dump}");

            var before = await CountsAsync(app.ConnectionString);
            var after = await CountsAsync(restored);
            Assert.Contains("public.StoredFiles", before.Keys);
            Assert.Contains("hangfire.job", before.Keys);
            Assert.Equal(before, after);

            var files = await Jobs.QueryAsync<string>(restored,
                """SELECT "Sha256" || '=' || encode(sha256("Content"), 'hex') FROM "StoredFiles" """);
            Assert.NotEmpty(files);
            Assert.All(files, f => Assert.Equal(f.Split('=')[0], f.Split('=')[1]));
            Assert.Equal((await Jobs.QueryAsync<string>(app.ConnectionString, """SELECT "Sha256" FROM "StoredFiles" ORDER BY 1""")),
                await Jobs.QueryAsync<string>(restored, """SELECT "Sha256" FROM "StoredFiles" ORDER BY 1"""));
        }
        finally
        {
            File.Delete(dump);
        }
    }

    private static string Url(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgresql://{b.Username}@{b.Host}:{b.Port}/{b.Database}";
    }

    private static async Task<Dictionary<string, long>> CountsAsync(string connectionString)
    {
        var tables = await Jobs.QueryAsync<string>(connectionString,
            "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_schema IN ('public', 'hangfire') AND table_type = 'BASE TABLE'");
        var counts = new Dictionary<string, long>();
        foreach (var t in tables.Order(StringComparer.Ordinal))
        {
            var parts = t.Split('.');
            counts[t] = (await Jobs.QueryAsync<long>(connectionString, $"SELECT count(*) FROM \"{parts[0]}\".\"{parts[1]}\"")).Single();
        }

        return counts;
    }

    private static async Task RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, UseShellExecute = false })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{Path.GetFileName(file)} failed: {error}");
    }
}
