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
            // Without a scope a tagged statement still reads across (an anonymous token or code lookup); it writes nothing.
            return across ? Nothing with { ReadFrom = "/", ReadTo = Above("/") } : Nothing;
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

    private static readonly string[] TablePrivileges = ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"];

    /// <summary>
    /// Brings the app's role, its grants and the policies to what the model asks for. It reads what is in place first
    /// and changes only what differs, so a node starting beside running ones takes no table lock when nothing changed
    /// (ALTER TABLE and GRANT would queue behind every open transaction and block every query after them).
    /// </summary>
    public static async Task ApplyAsync(NpgsqlConnection owner, string appConnectionString, IModel model, CancellationToken ct = default)
    {
        var app = new NpgsqlConnectionStringBuilder(appConnectionString);
        var role = app.Username ?? throw new InvalidOperationException("ConnectionStrings:Default names no user.");
        await using var tx = await owner.BeginTransactionAsync(ct);
        await ExecuteAsync(owner, tx, $"SET LOCAL lock_timeout = '30s'; SELECT pg_advisory_xact_lock({LockKey})", ct);
        var state = await ReadStateAsync(owner, tx, role, ct);
        var sql = new System.Text.StringBuilder();
        if (!state.RoleExists)
        {
            // Created here when missing (development, tests, docker compose), with the password of the app's
            // connection string; never a superuser, never BYPASSRLS.
            var password = string.IsNullOrEmpty(app.Password) ? "" : " PASSWORD " + Literal(app.Password);
            sql.AppendLine($"CREATE ROLE {Ident(role)} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE{password};");
        }

        if (!state.CanConnect)
        {
            sql.AppendLine($"""DO $$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), {Literal(role)}); END $$;""");
        }

        var wanted = new Dictionary<(string Schema, string Table), string[]>();
        foreach (var table in model.GetEntityTypes().Where(e => e.GetTableName() is not null && e.GetViewName() is null).GroupBy(e => e.GetTableName()!))
        {
            wanted[("public", table.Key)] = table.Key switch
            {
                "AuditEntries" => ["SELECT", "INSERT"], // append-only: sealing, partitions and retention are SECURITY DEFINER functions
                "AuditChainHeads" => ["SELECT", "INSERT"],
                _ => ["SELECT", "INSERT", "UPDATE", "DELETE"],
            };
            var tenant = table.FirstOrDefault(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType) && e.BaseType is null);
            if (tenant is not null)
            {
                var column = tenant.FindProperty(nameof(ITenantOwned.ScopePath)) is not null ? nameof(ITenantOwned.ScopePath) : nameof(Bureau.Path);
                Policies(sql, state, table.Key, column);
            }
        }

        // The audit trail: read within the scope, appended by anyone (it only adds evidence), changed by nobody.
        // Entries without a scope (sign-ins of unknown names, system work) are read by the tree's top bureaus.
        EnableSecurity(sql, state, "AuditEntries");
        Policy(sql, state, "AuditEntries", PolicyName("read"),
            $"FOR SELECT USING ((\"ScopePath\" ~>=~ {Read} AND \"ScopePath\" ~<~ {ReadTo}) OR (\"ScopePath\" IS NULL AND {Read} ~ '^/([0-9a-f]{{32}}/)?$'))");
        Policy(sql, state, "AuditEntries", PolicyName("insert"), "FOR INSERT WITH CHECK (true)");
        DropOlderPolicies(sql, state, "AuditEntries");

        foreach (var table in state.Tables)
        {
            // Hangfire's own tables: the scheduler reads and writes them all. Anything else not in the model
            // (the audit trail's partitions, the migrations history): nothing.
            var privileges = table.Key.Schema == "hangfire" ? ["SELECT", "INSERT", "UPDATE", "DELETE"]
                : wanted.TryGetValue(table.Key, out var w) ? w : [];
            var name = $"{Ident(table.Key.Schema)}.{Ident(table.Key.Table)}";
            var missing = privileges.Except(table.Value.Privileges).ToList();
            var extra = table.Value.Privileges.Except(privileges).ToList();
            if (missing.Count > 0)
            {
                sql.AppendLine($"GRANT {string.Join(", ", missing)} ON {name} TO {Ident(role)};");
            }

            if (extra.Count > 0)
            {
                sql.AppendLine($"REVOKE {string.Join(", ", extra)} ON {name} FROM {Ident(role)};");
            }
        }

        foreach (var schema in state.SchemasWithoutUsage)
        {
            sql.AppendLine($"GRANT USAGE ON SCHEMA {Ident(schema)} TO {Ident(role)};");
        }

        foreach (var (schema, sequence) in state.SequencesWithoutUsage)
        {
            sql.AppendLine($"GRANT USAGE, SELECT{(schema == "hangfire" ? ", UPDATE" : "")} ON SEQUENCE {Ident(schema)}.{Ident(sequence)} TO {Ident(role)};");
        }

        if (sql.Length > 0)
        {
            // A role created in this statement has no privileges yet: the grants above name it after its creation.
            await ExecuteAsync(owner, tx, sql.ToString(), ct);
        }

        await tx.CommitAsync(ct);
    }

    private sealed record TableState(bool Secured, HashSet<string> Policies, HashSet<string> Privileges);

    private sealed record State(bool RoleExists, bool CanConnect, Dictionary<(string Schema, string Table), TableState> Tables,
        List<string> SchemasWithoutUsage, List<(string Schema, string Sequence)> SequencesWithoutUsage);

    private static async Task<State> ReadStateAsync(NpgsqlConnection owner, NpgsqlTransaction tx, string role, CancellationToken ct)
    {
        var privilegeColumns = string.Join(", ", TablePrivileges.Select(p => $"r.oid IS NOT NULL AND has_table_privilege(r.oid, c.oid, '{p}')"));
        await using var cmd = new NpgsqlCommand($$"""
            SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = @role),
                   EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = @role AND has_database_privilege(r.oid, current_database(), 'CONNECT'));
            SELECT n.nspname::text, c.relname::text, c.relrowsecurity,
                   coalesce((SELECT array_agg(p.policyname::text) FROM pg_policies p WHERE p.schemaname = n.nspname AND p.tablename = c.relname), '{}'),
                   {{privilegeColumns}}
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_roles r ON r.rolname = @role
            WHERE n.nspname IN ('public', 'hangfire') AND c.relkind IN ('r', 'p');
            SELECT n.nspname::text FROM pg_namespace n LEFT JOIN pg_roles r ON r.rolname = @role
            WHERE n.nspname IN ('public', 'hangfire') AND (r.oid IS NULL OR NOT has_schema_privilege(r.oid, n.oid, 'USAGE'));
            SELECT n.nspname::text, c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_roles r ON r.rolname = @role
            WHERE n.nspname IN ('public', 'hangfire') AND c.relkind = 'S' AND (r.oid IS NULL OR NOT has_sequence_privilege(r.oid, c.oid, 'USAGE'));
            """, owner, tx);
        cmd.Parameters.AddWithValue("role", role);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var (exists, connect) = (reader.GetBoolean(0), reader.GetBoolean(1));
        await reader.NextResultAsync(ct);
        var tables = new Dictionary<(string, string), TableState>();
        while (await reader.ReadAsync(ct))
        {
            var privileges = TablePrivileges.Where((_, i) => reader.GetBoolean(4 + i)).ToHashSet(StringComparer.Ordinal);
            tables[(reader.GetString(0), reader.GetString(1))] = new TableState(reader.GetBoolean(2), [.. reader.GetFieldValue<string[]>(3)], privileges);
        }

        await reader.NextResultAsync(ct);
        var schemas = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            schemas.Add(reader.GetString(0));
        }

        await reader.NextResultAsync(ct);
        var sequences = new List<(string, string)>();
        while (await reader.ReadAsync(ct))
        {
            sequences.Add((reader.GetString(0), reader.GetString(1)));
        }

        return new State(exists, connect, tables, schemas, sequences);
    }

    private static async Task ExecuteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    // Scalar subqueries: PostgreSQL evaluates each once per statement (an InitPlan) instead of once per row, and may use
    // the result as an index bound.
    private const string Read = "(SELECT current_setting('safecampus.read_from', true))";
    private const string ReadTo = "(SELECT current_setting('safecampus.read_to', true))";
    private const string Write = "(SELECT current_setting('safecampus.write_from', true))";
    private const string WriteTo = "(SELECT current_setting('safecampus.write_to', true))";

    /// <summary>
    /// The policies' names carry their version: a start that finds a policy of an older version (any "tenant_"
    /// policy not named here) drops it and creates the current one, so a changed definition reaches every database.
    /// </summary>
    public const string PolicyVersion = "v2";

    private static string PolicyName(string command) => $"tenant_{command}_{PolicyVersion}";

    private static void Policies(System.Text.StringBuilder sql, State state, string table, string column)
    {
        var c = Ident(column);
        var readable = $"{c} ~>=~ {Read} AND {c} ~<~ {ReadTo}";
        var writable = $"{c} ~>=~ {Write} AND {c} ~<~ {WriteTo}";
        var granted = $"{c} = current_setting('safecampus.grant', true) AND strpos(current_setting('safecampus.grant_tables', true), {Literal("," + table + ",")}) > 0";
        EnableSecurity(sql, state, table);
        Policy(sql, state, table, PolicyName("read"), $"FOR SELECT USING ({readable})");
        Policy(sql, state, table, PolicyName("insert"), $"FOR INSERT WITH CHECK (({writable}) OR ({granted}))");
        Policy(sql, state, table, PolicyName("update"), $"FOR UPDATE USING ({writable}) WITH CHECK ({writable})");
        Policy(sql, state, table, PolicyName("delete"), $"FOR DELETE USING ({writable})");
        DropOlderPolicies(sql, state, table);
    }

    private static void DropOlderPolicies(System.Text.StringBuilder sql, State state, string table)
    {
        if (state.Tables.TryGetValue(("public", table), out var t))
        {
            foreach (var old in t.Policies.Where(p => p.StartsWith("tenant_", StringComparison.Ordinal) && !p.EndsWith("_" + PolicyVersion, StringComparison.Ordinal)))
            {
                sql.AppendLine($"DROP POLICY {Ident(old)} ON {Ident(table)};");
            }
        }
    }

    private static void EnableSecurity(System.Text.StringBuilder sql, State state, string table)
    {
        if (!state.Tables.TryGetValue(("public", table), out var t) || !t.Secured)
        {
            sql.AppendLine($"ALTER TABLE {Ident(table)} ENABLE ROW LEVEL SECURITY;");
        }
    }

    /// <summary>Created when missing (a changed definition has a new <see cref="PolicyVersion"/>).</summary>
    private static void Policy(System.Text.StringBuilder sql, State state, string table, string name, string definition)
    {
        if (!state.Tables.TryGetValue(("public", table), out var t) || !t.Policies.Contains(name))
        {
            sql.AppendLine($"CREATE POLICY {Ident(name)} ON {Ident(table)} {definition};");
        }
    }

    private static string Ident(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
