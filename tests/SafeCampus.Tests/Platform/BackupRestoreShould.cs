using System.Diagnostics;
using Npgsql;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Infrastructure.Database;

namespace SafeCampus.Tests.Platform;

/// <summary>
/// The backup and restore of docs/operations.md, run as written: pg_dump in the custom format, pg_restore into an
/// empty database. Every table comes back with the same rows, every stored file with the same bytes.
/// </summary>
public sealed class BackupRestoreShould(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    [Fact]
    public async Task RestoreEveryRowAndEveryFileByteForByte()
    {
        var photo = new byte[300_000];
        new Random(7).NextBytes(photo);
        await using (var db = app.Db())
        {
            var school = db.Schools.First();
            db.StoredFiles.Add(new StoredFile
            {
                ScopePath = school.ScopePath, FileName = "校门.jpg", ContentType = "image/jpeg", Length = photo.Length,
                Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(photo)), Content = photo,
                UploadedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        var dump = Path.Combine(Path.GetTempPath(), $"safecampus-{Guid.NewGuid():N}.dump");
        var restored = await TestDatabase.CreateEmptyDatabaseAsync();
        try
        {
            await RunAsync("pg_dump", app.OwnerConnectionString, "--format=custom", "--no-owner", "--file", dump);
            await RunAsync("pg_restore", restored, "--no-owner", "--exit-on-error", dump);

            var before = await DescribeAsync(app.OwnerConnectionString);
            var after = await DescribeAsync(restored);
            Assert.Contains(before, l => l.StartsWith("rows public.Schools ", StringComparison.Ordinal) && !l.EndsWith(" 0", StringComparison.Ordinal));
            Assert.Contains(before, l => l.StartsWith("file ", StringComparison.Ordinal));
            Assert.Equal(before, after);
            // Recorded checksums still match the restored bytes.
            Assert.Equal(0, await ScalarAsync(restored, """SELECT count(*) FROM "StoredFiles" WHERE encode(sha256("Content"), 'hex') <> "Sha256" """));
            // What EF Core does not model comes back too: the immutability triggers.
            Assert.Equal(3, await ScalarAsync(restored, "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'TR_%_Immutable'"));
        }
        finally
        {
            File.Delete(dump);
        }
    }

    /// <summary>Row count of every table of every schema the app owns, and the checksum of every stored file.</summary>
    private static async Task<List<string>> DescribeAsync(string connectionString)
    {
        var lines = new List<string>();
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        var tables = new List<string>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables
            WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1
            """, conn))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", conn);
            lines.Add($"rows {table.Replace("\"", "", StringComparison.Ordinal)} {await count.ExecuteScalarAsync()}");
        }

        await using (var files = new NpgsqlCommand("""SELECT "Id"::text || ' ' || encode(sha256("Content"), 'hex') FROM "StoredFiles" ORDER BY "Id" """, conn))
        await using (var reader = await files.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                lines.Add("file " + reader.GetString(0));
            }
        }

        return lines;
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs a PostgreSQL client tool against a database, with the connection given as PG* variables.</summary>
    private static async Task RunAsync(string tool, string connectionString, params string[] args)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(LocalPostgres.FindTool(tool))
        {
            RedirectStandardError = true, RedirectStandardOutput = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add("--dbname=" + cs.Database);
        start.Environment["PGHOST"] = cs.Host;
        start.Environment["PGPORT"] = cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = cs.Username;
        start.Environment["PGPASSWORD"] = cs.Password ?? "";
        using var process = Process.Start(start) ?? throw new InvalidOperationException(tool + " did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {await stderr}");
    }
}
