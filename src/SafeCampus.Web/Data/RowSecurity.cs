using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Data;

/// <summary>
/// What row-level security reads on a database session (ADR 20): the range of scope paths the session may read, the
/// range it may write, and an insert grant. A scope path's subtree is the range [path, path with its last character
/// raised by one) in byte order, so each policy is two comparisons with the text_pattern_ops index's operators
/// (~&gt;=~, ~&lt;~) and stays an index range scan. Unset or empty settings match nothing.
/// </summary>
public readonly record struct SessionSettings(string ReadFrom, string ReadTo, string WriteFrom, string WriteTo, string Grant, string GrantTables)
{
    /// <summary>One round trip that sets every setting for the session (not transaction-local: EF Core runs most
    /// statements outside a transaction).</summary>
    public const string Sql =
        "SELECT set_config('safecampus.read_from', $1, false), set_config('safecampus.read_to', $2, false), " +
        "set_config('safecampus.write_from', $3, false), set_config('safecampus.write_to', $4, false), " +
        "set_config('safecampus.grant', $5, false), set_config('safecampus.grant_tables', $6, false)";

    /// <summary>For work that sees the whole tree: jobs, sign-in, seeding, the anonymous token paths.</summary>
    public static readonly SessionSettings SystemWide = new("/", Above("/"), "/", Above("/"), "", "");

    /// <summary>No scope: nothing is visible, nothing may be written.</summary>
    public static readonly SessionSettings Nothing = new("", "", "", "", "", "");

    /// <summary>
    /// The settings for the scope: system, a user's subtree (reading across the tree for a statement tagged with
    /// <see cref="TenantQueries.ReadAcrossTag"/>), or nothing. An insert grant lets exactly the inserts through that the
    /// SaveChanges guard lets through (the tables are named); while it lasts, reads reach up to the nearest bureau
    /// the two schools share, so that the insert can return its generated values.
    /// </summary>
    public static SessionSettings For(TenantScope scope, bool across, IModel? model)
    {
        if (scope.IsSystem)
        {
            return SystemWide;
        }

        if (scope.Path is not { Length: > 1 } path || path[^1] != '/')
        {
            return Nothing;
        }

        var read = across ? "/" : path;
        var (grant, tables) = ("", "");
        if (scope.CurrentGrant is { } g && model is not null)
        {
            grant = g.Path;
            tables = "," + string.Join(",", g.Types.Select(t => model.FindEntityType(t)?.GetTableName()).OfType<string>().Append("AuditEntries")) + ",";
            read = CommonAncestor(read, g.Path);
        }

        return new SessionSettings(read, Above(read), path, Above(path), grant, tables);
    }

    /// <summary>The first string after every path that starts with the prefix (which ends with '/').</summary>
    public static string Above(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    private static string CommonAncestor(string a, string b)
    {
        var n = 0;
        for (var i = 0; i < Math.Min(a.Length, b.Length) && a[i] == b[i]; i++)
        {
            if (a[i] == '/')
            {
                n = i + 1;
            }
        }

        return n == 0 ? "/" : a[..n];
    }

    public void AddParameters(NpgsqlParameterCollection parameters)
    {
        foreach (var value in new[] { ReadFrom, ReadTo, WriteFrom, WriteTo, Grant, GrantTables })
        {
            parameters.Add(new NpgsqlParameter { Value = value });
        }
    }

    /// <summary>
    /// A batch for a hand-written statement on the app's data source: the settings first, in the same round trip.
    /// Read its results with <see cref="RowSecurityBatches.ReaderAsync"/> or <see cref="RowSecurityBatches.ScalarAsync"/>.
    /// </summary>
    public NpgsqlBatch Batch(NpgsqlDataSource source, string sql, out NpgsqlParameterCollection parameters)
    {
        var batch = source.CreateBatch();
        var set = new NpgsqlBatchCommand(Sql);
        AddParameters(set.Parameters);
        var statement = new NpgsqlBatchCommand(sql);
        batch.BatchCommands.Add(set);
        batch.BatchCommands.Add(statement);
        parameters = statement.Parameters;
        return batch;
    }
}

public static class RowSecurityBatches
{
    /// <summary>The statement's reader, past the settings' result.</summary>
    public static async Task<NpgsqlDataReader> ReaderAsync(this NpgsqlBatch batch, CancellationToken ct)
    {
        var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        return reader;
    }

    /// <summary>The statement's first value.</summary>
    public static async Task<object?> ScalarAsync(this NpgsqlBatch batch, CancellationToken ct)
    {
        await using var reader = await batch.ReaderAsync(ct);
        return await reader.ReadAsync(ct) ? reader.GetValue(0) : null;
    }
}

/// <summary>
/// Sets <see cref="SessionSettings"/> on every connection EF Core opens, and again before a statement whenever the
/// wanted settings differ from what the session has (a scope entered or left while the connection is open, a
/// statement tagged read-across). Pooled connections are not reset on close, so the settings are always written on
/// open, never trusted from an earlier use. A rollback may undo a setting made inside the transaction: what the
/// session has is then unknown, and the next statement sets it again.
/// </summary>
public sealed class RowSecurityInterceptor : IDbConnectionInterceptor, IDbCommandInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbConnection, Box> _applied = new();

    private sealed class Box
    {
        public SessionSettings? Value;
    }

    public void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        Apply(connection, null, Wanted(eventData.Context, null));

    public Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default) =>
        ApplyAsync(connection, null, Wanted(eventData.Context, null), cancellationToken);

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Ensure(command, eventData.Context);
        return result;
    }

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(command, eventData.Context, cancellationToken);
        return result;
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Ensure(command, eventData.Context);
        return result;
    }

    public async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(command, eventData.Context, cancellationToken);
        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Ensure(command, eventData.Context);
        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(command, eventData.Context, cancellationToken);
        return result;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void RolledBackToSavepoint(DbTransaction transaction, TransactionEventData eventData) => Forget(eventData.Context);

    public Task RolledBackToSavepointAsync(DbTransaction transaction, TransactionEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Forget(DbContext? context)
    {
        if (context is not null && _applied.TryGetValue(context.Database.GetDbConnection(), out var box))
        {
            box.Value = null;
        }
    }

    private static SessionSettings Wanted(DbContext? context, DbCommand? command)
    {
        var across = command?.CommandText is { } text && text.StartsWith("-- ", StringComparison.Ordinal)
                     && text.Contains(TenantQueries.ReadAcrossTag, StringComparison.Ordinal);
        return context is AppDbContext db
            ? SessionSettings.For(db.Scope, across, db.Model)
            : SessionSettings.Nothing;
    }

    private void Ensure(DbCommand command, DbContext? context)
    {
        var wanted = Wanted(context, command);
        if (command.Connection is { } connection && Applied(connection).Value != wanted)
        {
            Apply(connection, command.Transaction, wanted);
        }
    }

    private async Task EnsureAsync(DbCommand command, DbContext? context, CancellationToken ct)
    {
        var wanted = Wanted(context, command);
        if (command.Connection is { } connection && Applied(connection).Value != wanted)
        {
            await ApplyAsync(connection, command.Transaction, wanted, ct);
        }
    }

    private Box Applied(DbConnection connection) => _applied.GetOrCreateValue(connection);

    private void Apply(DbConnection connection, DbTransaction? transaction, SessionSettings wanted)
    {
        using var cmd = Command(connection, transaction, wanted);
        cmd.ExecuteNonQuery();
        Applied(connection).Value = wanted;
    }

    private async Task ApplyAsync(DbConnection connection, DbTransaction? transaction, SessionSettings wanted, CancellationToken ct)
    {
        await using var cmd = Command(connection, transaction, wanted);
        await cmd.ExecuteNonQueryAsync(ct);
        Applied(connection).Value = wanted;
    }

    private static NpgsqlCommand Command(DbConnection connection, DbTransaction? transaction, SessionSettings wanted)
    {
        var cmd = new NpgsqlCommand(SessionSettings.Sql, (NpgsqlConnection)connection, (NpgsqlTransaction?)transaction);
        wanted.AddParameters(cmd.Parameters);
        return cmd;
    }
}

/// <summary>
/// The database's half of tenant isolation (ADR 20), applied by the owner after every migration: the app's role may
/// use exactly the tables of the EF model (the audit trail only to read and append), and every tenant-owned table
/// has row-level security with four policies that call the functions of migration RowLevelSecurity. The list of
/// tables comes from the model, so a new <see cref="ITenantOwned"/> entity is covered without touching this file.
/// Idempotent; serialised by an advisory lock when several nodes start together.
/// </summary>
public static class DatabaseSecurity
{
    public const string DefaultAppRole = "safecampus_app";
    private const long LockKey = 0x5AFE5EC;

    /// <summary>True when the two connection strings log in as different roles (the app's role is then set up).</summary>
    public static bool Separate(string appConnectionString, string ownerConnectionString) =>
        !string.Equals(new NpgsqlConnectionStringBuilder(appConnectionString).Username, new NpgsqlConnectionStringBuilder(ownerConnectionString).Username,
            StringComparison.Ordinal);

    public static async Task ApplyAsync(NpgsqlConnection owner, string appConnectionString, IModel model, CancellationToken ct = default)
    {
        var app = new NpgsqlConnectionStringBuilder(appConnectionString);
        var role = app.Username ?? throw new InvalidOperationException("ConnectionStrings:Default names no user.");
        var sql = new System.Text.StringBuilder();
        sql.AppendLine($"SELECT pg_advisory_xact_lock({LockKey});");
        // The app's role: created here when missing (development, tests, docker compose), with the password of the
        // app's connection string; never a superuser, never BYPASSRLS.
        var password = string.IsNullOrEmpty(app.Password) ? "" : " PASSWORD " + Literal(app.Password);
        sql.AppendLine($"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {Literal(role)}) THEN
                CREATE ROLE {Ident(role)} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE{password};
              END IF;
              EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), {Literal(role)});
            END $$;
            """);
        sql.AppendLine($"GRANT USAGE ON SCHEMA public TO {Ident(role)};");
        sql.AppendLine($"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {Ident(role)};");
        sql.AppendLine($"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {Ident(role)};");

        var tables = model.GetEntityTypes().Where(e => e.GetTableName() is not null && e.GetViewName() is null)
            .GroupBy(e => e.GetTableName()!).OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var table in tables)
        {
            var privileges = table.Key switch
            {
                "AuditEntries" => "SELECT, INSERT", // append-only: sealing, partitions and retention are SECURITY DEFINER functions
                "AuditChainHeads" => "SELECT, INSERT",
                _ => "SELECT, INSERT, UPDATE, DELETE",
            };
            sql.AppendLine($"GRANT {privileges} ON {Ident(table.Key)} TO {Ident(role)};");
            var tenant = table.FirstOrDefault(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType) && e.BaseType is null);
            if (tenant is not null)
            {
                var column = tenant.FindProperty(nameof(ITenantOwned.ScopePath)) is not null ? nameof(ITenantOwned.ScopePath) : nameof(Bureau.Path);
                Policies(sql, table.Key, column);
            }
        }

        // The audit trail: read within the scope, appended by anyone (it only adds evidence), changed by nobody.
        sql.AppendLine("""ALTER TABLE "AuditEntries" ENABLE ROW LEVEL SECURITY;""");
        // Entries without a scope (sign-ins of unknown names, system work) are read by the whole tree's top bureaus.
        Policy(sql, "AuditEntries", "tenant_read",
            $"FOR SELECT USING ((\"ScopePath\" ~>=~ {Read} AND \"ScopePath\" ~<~ {ReadTo}) OR (\"ScopePath\" IS NULL AND {Read} ~ '^/([0-9a-f]{{32}}/)?$'))");
        Policy(sql, "AuditEntries", "tenant_insert", "FOR INSERT WITH CHECK (true)");

        sql.AppendLine($"""
            DO $$ BEGIN
              IF to_regnamespace('hangfire') IS NOT NULL THEN
                GRANT USAGE ON SCHEMA hangfire TO {Ident(role)};
                GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA hangfire TO {Ident(role)};
                GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA hangfire TO {Ident(role)};
              END IF;
            END $$;
            """);

        await using var tx = await owner.BeginTransactionAsync(ct);
        await using (var cmd = new NpgsqlCommand(sql.ToString(), owner, tx))
        {
            await cmd.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
    }

    private const string Read = "current_setting('safecampus.read_from', true)";
    private const string ReadTo = "current_setting('safecampus.read_to', true)";
    private const string Write = "current_setting('safecampus.write_from', true)";
    private const string WriteTo = "current_setting('safecampus.write_to', true)";

    private static void Policies(System.Text.StringBuilder sql, string table, string column)
    {
        var c = Ident(column);
        var readable = $"{c} ~>=~ {Read} AND {c} ~<~ {ReadTo}";
        var writable = $"{c} ~>=~ {Write} AND {c} ~<~ {WriteTo}";
        var granted = $"{c} = current_setting('safecampus.grant', true) AND strpos(current_setting('safecampus.grant_tables', true), {Literal("," + table + ",")}) > 0";
        sql.AppendLine($"ALTER TABLE {Ident(table)} ENABLE ROW LEVEL SECURITY;");
        Policy(sql, table, "tenant_read", $"FOR SELECT USING ({readable})");
        Policy(sql, table, "tenant_insert", $"FOR INSERT WITH CHECK (({writable}) OR ({granted}))");
        Policy(sql, table, "tenant_update", $"FOR UPDATE USING ({writable}) WITH CHECK ({writable})");
        Policy(sql, table, "tenant_delete", $"FOR DELETE USING ({writable})");
    }

    /// <summary>Created when missing. A policy whose definition changes is dropped by a migration, and recreated here.</summary>
    private static void Policy(System.Text.StringBuilder sql, string table, string name, string definition) =>
        sql.AppendLine($"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'public' AND tablename = {Literal(table)} AND policyname = {Literal(name)}) THEN
                CREATE POLICY {Ident(name)} ON {Ident(table)} {definition};
              END IF;
            END $$;
            """);

    private static string Ident(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
