using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Data;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Platform;

/// <summary>
/// The generated migrations must produce exactly the schema the EF model describes: EF Core's own check against the
/// model snapshot, plus a comparison through the catalog of a migrated database with one created from the model, for
/// what the snapshot cannot see (the SQL the migrations add by hand: trigger functions and triggers).
/// </summary>
public sealed class SchemaShould
{
    /// <summary>What the migrations add with <c>migrationBuilder.Sql</c> and the EF model does not describe.</summary>
    private static readonly string[] HandWritten =
    [
        "function audit_append_only",
        "function audit_content",
        "function audit_drop_month",
        "function audit_ensure_partitions",
        "function audit_heads_missing",
        "function audit_link",
        "function audit_month",
        "function audit_month_end",
        "function audit_month_start",
        "function audit_seal",
        "function audit_verify",
        "function notice_receipts_immutable",
        "function pledge_signatures_immutable",
        "function pledge_versions_immutable",
        """trigger CREATE TRIGGER "TR_AuditEntries_AppendOnly" BEFORE DELETE OR UPDATE ON public."AuditEntries" FOR EACH ROW EXECUTE FUNCTION audit_append_only()""",
        """trigger CREATE TRIGGER "TR_NoticeReceipts_Immutable" BEFORE DELETE OR UPDATE ON public."NoticeReceipts" FOR EACH ROW WHEN ((old."AcknowledgedAt" IS NOT NULL)) EXECUTE FUNCTION notice_receipts_immutable()""",
        """trigger CREATE TRIGGER "TR_PledgeSignatures_Immutable" BEFORE DELETE OR UPDATE ON public."PledgeSignatures" FOR EACH ROW EXECUTE FUNCTION pledge_signatures_immutable()""",
        """trigger CREATE TRIGGER "TR_PledgeTemplateVersions_Immutable" BEFORE UPDATE ON public."PledgeTemplateVersions" FOR EACH ROW EXECUTE FUNCTION pledge_versions_immutable()""",
    ];

    [Fact]
    public async Task MatchTheModelAfterAllMigrations()
    {
        var migrated = await TestDatabase.CreateEmptyDatabaseAsync();
        var fromModel = await TestDatabase.CreateEmptyDatabaseAsync();
        await using (var db = TestDatabase.CreateContext(migrated, new TenantScope()))
        {
            Assert.False(db.Database.HasPendingModelChanges(), "The model has changed since the last migration: run dotnet ef migrations add.");
            await db.Database.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }

        await using (var db = TestDatabase.CreateContext(fromModel, new TenantScope()))
        {
            await db.Database.ExecuteSqlRawAsync(db.Database.GenerateCreateScript());
        }

        var expected = await DescribeAsync(fromModel);
        var actual = await DescribeAsync(migrated);
        Assert.Contains(expected, line => line.StartsWith("column Hazards.", StringComparison.Ordinal));
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(missing.Count == 0, "The model has, the migrations do not:\n" + string.Join("\n", missing));
        Assert.Equal(HandWritten.Order(StringComparer.Ordinal), extra.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ReportAModelChangeWithoutAMigration()
    {
        var options = new DbContextOptionsBuilder<AppDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=unused")
            .ReplaceService<IModelCustomizer, ExtraColumnCustomizer>()
            .Options;
        using var db = new AppDbContext(options, new TenantScope());
        Assert.NotNull(db.Model.FindEntityType(typeof(SafeCampus.Web.Domain.School))!.FindProperty("Phone"));
        Assert.True(db.Database.HasPendingModelChanges());
    }

    /// <summary>The app's model plus one column no migration creates: a developer's forgotten migration.</summary>
    private sealed class ExtraColumnCustomizer(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
    {
        public override void Customize(ModelBuilder modelBuilder, DbContext context)
        {
            base.Customize(modelBuilder, context);
            modelBuilder.Entity<SafeCampus.Web.Domain.School>().Property<string>("Phone").HasMaxLength(30);
        }
    }

    /// <summary>
    /// Columns, constraints, indexes, functions and triggers of the public schema as comparable lines (history table
    /// excluded).
    /// </summary>
    private static async Task<SortedSet<string>> DescribeAsync(string connectionString)
    {
        // Partitions (the audit trail's months) are PostgreSQL's business, not the model's: only the partitioned
        // table itself is compared, and its indexes read "ON ONLY" where the model's read "ON".
        const string sql = """
            WITH partitions AS (SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relispartition)
            SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '')
                   || CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE '' END
                   || coalesce(' default ' || column_default, '') || CASE WHEN is_identity = 'YES' THEN ' identity' ELSE '' END
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'
              AND table_name NOT IN (SELECT relname FROM partitions)
            UNION ALL
            SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '"__EFMigrationsHistory"'
              AND conrelid NOT IN (SELECT oid FROM pg_class WHERE relispartition)
            UNION ALL
            SELECT 'index ' || replace(indexdef, ' ON ONLY ', ' ON ') FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory'
              AND tablename NOT IN (SELECT relname FROM partitions)
            UNION ALL
            SELECT 'function ' || proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace
            UNION ALL
            SELECT 'trigger ' || pg_get_triggerdef(t.oid) FROM pg_trigger t
            JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal AND NOT c.relispartition
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
