using Microsoft.EntityFrameworkCore;
using Npgsql;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Tenancy;

/// <summary>
/// The second wall (ADR 20): the app's role and PostgreSQL row-level security, seen from the database. The matrix of
/// every entity with the EF filter off is in <see cref="TenancyMatrixShould"/>; these are the mechanics around it.
/// </summary>
public sealed class RowLevelSecurityShould(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    [Fact]
    public async Task ConnectAsARoleThatOwnsNothingAndCannotBypassThePolicies()
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        Assert.Equal(DatabaseSecurity.DefaultAppRole, await ScalarAsync<string>(conn, "SELECT current_user::text"));
        Assert.False(await ScalarAsync<bool>(conn, "SELECT rolsuper OR rolbypassrls OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = current_user"));
        Assert.Equal(0L, await ScalarAsync<long>(conn, "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = current_user"));

        var tenantTables = TenantTables();
        Assert.Contains("Hazards", tenantTables);
        Assert.Contains("Bureaus", tenantTables);
        var secured = await ListAsync(conn, """
            SELECT c.relname::text FROM pg_class c
            WHERE c.relrowsecurity AND c.relnamespace = 'public'::regnamespace
              AND (SELECT count(*) FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname AND p.policyname LIKE 'tenant\_%\_v%') = 4
            """);
        Assert.Empty(tenantTables.Except(secured));
    }

    [Fact]
    public async Task RefuseTheAppsRoleToRewriteTheAuditTrailOrChangeTheSchema()
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        foreach (var sql in new[]
                 {
                     """UPDATE "AuditEntries" SET "UserName" = 'x'""",
                     """DELETE FROM "AuditEntries" """,
                     """TRUNCATE "AuditEntries" """,
                     """UPDATE "AuditEntries_default" SET "UserName" = 'x'""",
                     """DELETE FROM "AuditChainHeads" """,
                     """CREATE TABLE "Intruder" (id int)""",
                     """ALTER TABLE "Hazards" DISABLE ROW LEVEL SECURITY""",
                     $"""DROP POLICY tenant_read_{DatabaseSecurity.PolicyVersion} ON "Hazards" """,
                 })
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            var error = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
            Assert.True(error.SqlState is "42501" or "42P01", $"{sql}: {error.SqlState} {error.MessageText}");
        }
    }

    [Fact]
    public async Task ReplaceAPolicyOfAnOlderVersionAtTheNextStart()
    {
        await using (var owner = new NpgsqlConnection(app.OwnerConnectionString))
        {
            await owner.OpenAsync();
            // An old, too generous policy left behind: it would let every row through.
            await using var create = new NpgsqlCommand("""CREATE POLICY tenant_read_v1 ON "SafetyDistricts" FOR SELECT USING (true)""", owner);
            await create.ExecuteNonQueryAsync();
            await using var model = TestDatabase.CreateContext("Host=unused;Database=unused", new TenantScope());
            await DatabaseSecurity.ApplyAsync(owner, app.ConnectionString, model.Model);
        }

        await using var conn = new NpgsqlConnection(app.OwnerConnectionString);
        await conn.OpenAsync();
        Assert.Equal(["tenant_delete_v2", "tenant_insert_v2", "tenant_read_v2", "tenant_update_v2"],
            await ListAsync(conn, """SELECT policyname::text FROM pg_policies WHERE tablename = 'SafetyDistricts' ORDER BY 1"""));
        await using var db = TestDatabase.CreateContext(app.ConnectionString, ScopeOf(app.Org.QingshanFirstMiddle.ScopePath));
        Assert.Equal(0, await db.SafetyDistricts.IgnoreQueryFilters().CountAsync());
    }

    [Fact]
    public async Task KeepAQueryThatForgetsTheFilterInASubqueryInsideTheTenant()
    {
        var org = app.Org;
        await using var system = app.Db();
        var everywhere = await system.Hazards.CountAsync();
        var own = await system.Hazards.CountAsync(h => h.SchoolId == org.QingshanFirstMiddle.Id);
        Assert.True(everywhere > own && own > 0, $"the demo city should have hazards at the school ({own}) and elsewhere ({everywhere})");

        await using var db = TestDatabase.CreateContext(app.ConnectionString, ScopeOf(org.QingshanFirstMiddle.ScopePath));
        // IgnoreQueryFilters() in a subquery switches the EF filter off for the whole query.
        var forgotten = await db.Hazards.Where(h => db.Schools.IgnoreQueryFilters().Any(s => s.Id == h.SchoolId)).CountAsync();
        Assert.Equal(own, forgotten);
        Assert.Equal(own, await db.Hazards.IgnoreQueryFilters().CountAsync());
        Assert.Equal([org.QingshanFirstMiddle.Id], await db.Schools.IgnoreQueryFilters().Select(s => s.Id).ToListAsync());
    }

    [Fact]
    public async Task ReadAcrossTheTreeOnlyForTheTaggedStatementAndNeverWriteThere()
    {
        var org = app.Org;
        await using var db = TestDatabase.CreateContext(app.ConnectionString, ScopeOf(org.QingshanFirstMiddle.ScopePath));
        await db.Database.OpenConnectionAsync(); // one session throughout: the settings change between statements
        Assert.Equal(0, await db.Bureaus.IgnoreQueryFilters().CountAsync());
        var all = await db.Bureaus.AcrossTenants().Select(b => b.Name).ToListAsync();
        Assert.Contains("青山县教育局", all);
        Assert.Contains("云溪区教育局", all);
        Assert.Equal(0, await db.Bureaus.IgnoreQueryFilters().CountAsync());

        var renamed = await db.Bureaus.AcrossTenants().Where(b => b.Id == org.Qingshan.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.Name, "被改名"));
        Assert.Equal(0, renamed);
        await using var system = app.Db();
        Assert.Equal("青山县教育局", await system.Bureaus.Where(b => b.Id == org.Qingshan.Id).Select(b => b.Name).SingleAsync());
    }

    [Fact]
    public async Task SetTheScopeAgainAfterARollbackUndidIt()
    {
        var org = app.Org;
        var scope = ScopeOf(org.QingshanFirstMiddle.ScopePath);
        await using var db = TestDatabase.CreateContext(app.ConnectionString, scope);
        var system = scope.EnterSystem("test");
        await db.Database.OpenConnectionAsync(); // the session starts with the whole tree
        Assert.True(await db.Bureaus.CountAsync() >= 3);
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            system.Dispose(); // back to the school, inside the transaction
            Assert.Equal(0, await db.Bureaus.IgnoreQueryFilters().CountAsync());
            await tx.RollbackAsync(); // PostgreSQL undoes the school's settings: the session has the whole tree again
        });
        Assert.Equal(0, await db.Bureaus.IgnoreQueryFilters().CountAsync());
        Assert.Equal(1, await db.Schools.IgnoreQueryFilters().CountAsync());
    }

    [Fact]
    public async Task SeeNothingWithoutAScopeEvenOnAConnectionAnotherTenantUsed()
    {
        await using (var county = TestDatabase.CreateContext(app.ConnectionString, ScopeOf(app.Org.Yunxi.Path)))
        {
            Assert.True(await county.Schools.AnyAsync());
        }

        // The pooled session the county used, reused by a context with no scope: its settings are written on open.
        await using var none = TestDatabase.CreateContext(app.ConnectionString, new TenantScope());
        Assert.Equal(0, await none.Schools.IgnoreQueryFilters().CountAsync());
        Assert.Equal(0, await none.AuditEntries.CountAsync());
    }

    private static TenantScope ScopeOf(string path)
    {
        var scope = new TenantScope();
        scope.Set(path, "rls-test", "rls-test");
        return scope;
    }

    private static List<string> TenantTables()
    {
        using var db = TestDatabase.CreateContext("Host=unused;Database=unused", new TenantScope());
        return db.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType) && e.BaseType is null)
            .Select(e => e.GetTableName()!).Distinct().ToList();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var list = new List<string>();
        while (await reader.ReadAsync())
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }
}
