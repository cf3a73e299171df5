using Microsoft.EntityFrameworkCore;
using Npgsql;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Platform;

/// <summary>
/// The hand-written migrations must produce exactly the schema the EF model describes: a model change without its
/// migration fails here. Compares a migrated database with one created from the model, through the catalog.
/// </summary>
public sealed class SchemaShould
{
    [Fact]
    public async Task MatchTheModelAfterAllMigrations()
    {
        var migrated = await TestDatabase.CreateEmptyDatabaseAsync();
        var fromModel = await TestDatabase.CreateEmptyDatabaseAsync();
        await using (var db = TestDatabase.CreateContext(migrated, new TenantScope()))
        {
            await db.Database.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }

        await using (var db = TestDatabase.CreateContext(fromModel, new TenantScope()))
        {
            await db.Database.ExecuteSqlRawAsync(db.Database.GenerateCreateScript());
        }

        var expected = await DescribeAsync(fromModel);
        var actual = await DescribeAsync(migrated);
        Assert.NotEmpty(expected);
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(missing.Count == 0, "The model has, the migrations do not:\n" + string.Join("\n", missing));
        Assert.True(extra.Count == 0, "The migrations have, the model does not:\n" + string.Join("\n", extra));
    }

    /// <summary>Columns, constraints and indexes of the public schema as comparable lines (history table excluded).</summary>
    private static async Task<SortedSet<string>> DescribeAsync(string connectionString)
    {
        const string sql = """
            SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '')
                   || CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE '' END
                   || coalesce(' default ' || column_default, '') || CASE WHEN is_identity = 'YES' THEN ' identity' ELSE '' END
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'
            UNION ALL
            SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '"__EFMigrationsHistory"'
            UNION ALL
            SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory'
            """;
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }
}
