using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Defences;

/// <summary>
/// The deadline-day path of the monthly return: the first save or submission of a month's return, posted by the
/// school's form, is handled here — read in one statement, built and checked by the domain
/// (<see cref="DefenceReturn.Start(DefenceSchool, DateOnly, DefenceStandard, IReadOnlyDictionary{string, decimal}?, string?, DateTimeOffset)"/>,
/// <c>Save</c>, <c>Submit</c>), written in one statement, answered with the same redirect as the page — instead of
/// rendering the page's component tree and loading its history first. Everything else goes on to the page unchanged
/// and the page decides: a form with errors, a return that already exists (a draft being submitted, a second
/// submission), a closed month, a principal pressing "submit", a post that failed antiforgery. Nothing here decides
/// differently from the page; it only declines.
/// </summary>
public sealed class DefenceReturnFastPath(RequestDelegate next, DefenceReturnStore store, TimeProvider clock)
{
    public async Task InvokeAsync(HttpContext http, TenantScope scope)
    {
        if (!await TryHandleAsync(http, scope))
        {
            await next(http);
        }
    }

    private async Task<bool> TryHandleAsync(HttpContext http, TenantScope scope)
    {
        if (!HttpMethods.IsPost(http.Request.Method)
            || http.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type != typeof(SchoolReturn)
            || http.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true }
            || !http.Request.HasFormContentType
            || http.Request.Headers.ContainsKey("blazor-enhanced-nav")
            || scope.SchoolId is not { } schoolId || scope.UserId is not { } userId)
        {
            return false;
        }

        var month = http.GetRouteValue("MonthText") is string text ? DefenceMonths.Parse(text) : DefenceMonths.Current(clock);
        if (!DefenceMonths.IsFileable(month, clock) || month is not { } m)
        {
            return false;
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var action = form["Input.Action"].ToString();
        if (form["_handler"] != DefenceInput.FormName || action is not ("save" or "submit"))
        {
            return false;
        }

        var errors = new List<(string Field, string Message)>();
        var values = DefenceInput.Parse(key => form[DefenceInput.FieldName(key)], errors);
        if (errors.Count > 0)
        {
            return false;
        }

        var context = await store.LoadAsync(userId, schoolId, m, SessionSettings.For(scope, across: true, null), http.RequestAborted);
        var submit = action == "submit";
        if (context is null || context.ReturnExists || context.MonthClosed
            || !DefenceReturnService.MayFile(context.Role, submit)
            || DefenceFields.Validate(values, context.School.StudentsAndStaff).Count > 0)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        DefenceReturn r;
        try
        {
            r = DefenceReturn.Start(context.School, m, context.Standard, null, userId, now);
            r.Save(values, context.School, context.Standard, userId, now);
            if (submit)
            {
                r.Submit(userId, now);
            }
        }
        catch (DomainException)
        {
            return false;
        }

        if (!await store.InsertAsync(r, scope.UserName, now, SessionSettings.For(scope, across: false, null), http.RequestAborted))
        {
            // Another request created the month's return meanwhile: the page knows what to say.
            return false;
        }

        store.CountHandled();
        http.Response.Redirect($"/defences/{DefenceMonths.Key(m)}?done={(submit ? "submitted" : "saved")}");
        return true;
    }
}

/// <summary>What the fast path needs to know before it builds a return, read in one statement.</summary>
public sealed record DefenceFastContext(UserRole Role, DefenceSchool School, DefenceStandard Standard, bool MonthClosed, bool ReturnExists);

/// <summary>
/// Hand-written statements of <see cref="DefenceReturnFastPath"/>. The reads answer exactly what
/// <see cref="DefenceReturnService.SaveAsync"/> asks through EF Core (the user's role at their school, the school,
/// whether a bureau above it closed the month, the nearest standards, whether the return exists). The insert's
/// columns and the audit row's JSON come from EF Core's model of <see cref="DefenceReturn"/>, so they stay what
/// <c>SaveChanges</c> and <see cref="Data.Interceptors.AuditInterceptor"/> would write. The school and the scope
/// path come from the signed-in user's school, never from the form.
/// </summary>
public sealed class DefenceReturnStore(NpgsqlDataSource source, IServiceScopeFactory scopes)
{
    private readonly Lazy<ReturnShape> _shape = new(() => ReturnShape.From(scopes));
    private long _handled;

    /// <summary>Returns the fast path has written since the app started (for tests and diagnostics).</summary>
    public long Handled => Interlocked.Read(ref _handled);

    internal void CountHandled() => Interlocked.Increment(ref _handled);

    /// <summary>Repeated on a database outage (a read). Reads across the tree (the standards and closures of the
    /// bureaus above the school), keyed on the signed-in user and their school.</summary>
    public Task<DefenceFastContext?> LoadAsync(string userId, Guid schoolId, DateOnly month, SessionSettings settings, CancellationToken ct) =>
        source.RetryOnOutageAsync(() => LoadOnceAsync(userId, schoolId, month, settings, ct), ct);

    /// <summary>
    /// The return, its values and its audit row in one statement; false when the month's return already exists.
    /// Repeated on a database outage: a repeat after a lost commit answer finds the return and answers false, and the
    /// page then tells the user what is on file.
    /// </summary>
    public Task<bool> InsertAsync(DefenceReturn r, string? userName, DateTimeOffset now, SessionSettings settings, CancellationToken ct) =>
        source.RetryOnOutageAsync(() => InsertOnceAsync(r, userName, now, settings, ct), ct);

    private async Task<DefenceFastContext?> LoadOnceAsync(string userId, Guid schoolId, DateOnly month, SessionSettings settings, CancellationToken ct)
    {
        await using var cmd = settings.Batch(source, """
            SELECT u."Role", s."ScopePath", s."Students" + s."Staff", s."IsBoarding",
                   EXISTS (SELECT 1 FROM "DefenceMonthClosures" c WHERE c."Month" = $3 AND starts_with(s."ScopePath", c."ScopePath")),
                   EXISTS (SELECT 1 FROM "DefenceReturns" r WHERE r."SchoolId" = s."Id" AND r."Month" = $3),
                   d."DueDay", d."GuardsPerGate", d."LargeSchoolThreshold", d."GuardPermille", d."BoardingGuardPermille",
                   d."MinWallHeight", d."MinVideoDays", d."Enabled"
            FROM "AspNetUsers" u
            JOIN "Schools" s ON s."Id" = u."SchoolId"
            LEFT JOIN LATERAL (SELECT * FROM "DefenceStandards" x WHERE starts_with(s."ScopePath", x."ScopePath")
                               ORDER BY length(x."ScopePath") DESC LIMIT 1) d ON true
            WHERE u."Id" = $1 AND s."Id" = $2 AND NOT u."IsDisabled"
            """, out var parameters);
        parameters.Add(new NpgsqlParameter { Value = userId });
        parameters.Add(new NpgsqlParameter { Value = schoolId });
        parameters.Add(new NpgsqlParameter { Value = month });
        await using var reader = await cmd.ReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var school = new DefenceSchool(schoolId, reader.GetString(1), reader.GetInt32(2), reader.GetBoolean(3));
        var standard = DefenceStandard.Defaults();
        if (!reader.IsDBNull(6))
        {
            standard.Update(reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9), reader.GetInt32(10),
                reader.GetDecimal(11), reader.GetInt32(12), (DefenceCheck)reader.GetInt32(13));
        }

        return new DefenceFastContext((UserRole)reader.GetInt32(0), school, standard, reader.GetBoolean(4), reader.GetBoolean(5));
    }

    private async Task<bool> InsertOnceAsync(DefenceReturn r, string? userName, DateTimeOffset now, SessionSettings settings, CancellationToken ct)
    {
        var shape = _shape.Value;
        await using var cmd = settings.Batch(source, shape.Sql, out var parameters);
        foreach (var column in shape.Columns)
        {
            parameters.Add(new NpgsqlParameter { Value = column.ProviderValue(r) ?? DBNull.Value });
        }

        parameters.Add(new NpgsqlParameter { Value = r.Values.Select(v => v.Field).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter { Value = r.Values.Select(v => v.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Numeric });
        parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        parameters.Add(new NpgsqlParameter { Value = (object?)r.UpdatedBy ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
        parameters.Add(new NpgsqlParameter { Value = (object?)userName ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
        parameters.Add(new NpgsqlParameter { Value = r.Id.ToString(), NpgsqlDbType = NpgsqlDbType.Varchar });
        parameters.Add(new NpgsqlParameter { Value = shape.AuditJson(r), NpgsqlDbType = NpgsqlDbType.Jsonb });
        return (long)(await cmd.ScalarAsync(ct))! == 1;
    }

    /// <summary>The insert and the audit JSON, derived once from EF Core's model.</summary>
    private sealed class ReturnShape
    {
        public required string Sql { get; init; }
        public required IReadOnlyList<Column> Columns { get; init; }
        public required IReadOnlyList<(string Name, PropertyInfo Property)> Audited { get; init; }

        public string AuditJson(DefenceReturn r) =>
            JsonSerializer.Serialize(Audited.ToDictionary(a => a.Name, a => a.Property.GetValue(r)));

        public static ReturnShape From(IServiceScopeFactory scopes)
        {
            using var scope = scopes.CreateScope();
            var model = scope.ServiceProvider.GetRequiredService<AppDbContext>().Model;
            var entity = model.FindEntityType(typeof(DefenceReturn))!;
            var values = entity.FindNavigation(nameof(DefenceReturn.Values))!.TargetEntityType;
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var valueTable = StoreObjectIdentifier.Table(values.GetTableName()!, values.GetSchema());
            // The row version (xmin) is the database's own; every other mapped property is a column.
            var columns = entity.GetProperties().Where(p => p.ValueGenerated != ValueGenerated.OnAddOrUpdate)
                .Select(p => new Column(p.GetColumnName(table)!, p.PropertyInfo!, p.GetTypeMapping().Converter))
                .ToList();
            var n = columns.Count;
            var uniqueIndex = entity.GetIndexes().Single(i => i.IsUnique && i.Properties.Select(p => p.Name).SequenceEqual([nameof(DefenceReturn.SchoolId), nameof(DefenceReturn.Month)]));
            string Quote(string name) => "\"" + name + "\"";
            var sql = $"""
                WITH r AS (
                    INSERT INTO {Quote(table.Name)} ({string.Join(", ", columns.Select(c => Quote(c.Name)))})
                    VALUES ({string.Join(", ", columns.Select((_, i) => "$" + (i + 1)))})
                    ON CONFLICT ({string.Join(", ", uniqueIndex.Properties.Select(p => Quote(p.GetColumnName(table)!)))}) DO NOTHING
                    RETURNING {Quote(entity.FindPrimaryKey()!.Properties[0].GetColumnName(table)!)} AS id
                ), v AS (
                    INSERT INTO {Quote(valueTable.Name)} ("ReturnId", {Quote(values.FindProperty(nameof(DefenceValue.Field))!.GetColumnName(valueTable)!)}, {Quote(values.FindProperty(nameof(DefenceValue.Value))!.GetColumnName(valueTable)!)})
                    SELECT r.id, f.field, f.value FROM r, unnest(${n + 1}::text[], ${n + 2}::numeric[]) AS f(field, value)
                ), a AS (
                    INSERT INTO "AuditEntries" ("At", "UserId", "UserName", "ScopePath", "Entity", "EntityKey", "Action", "Before", "After")
                    SELECT ${n + 3}, ${n + 4}, ${n + 5}, ${Array.IndexOf(columns.Select(c => c.Name).ToArray(), "ScopePath") + 1}, '{nameof(DefenceReturn)}', ${n + 6}, 'insert', NULL, ${n + 7} FROM r
                )
                SELECT count(*) FROM r
                """;
            return new ReturnShape
            {
                Sql = sql,
                Columns = columns,
                Audited = entity.GetProperties().Select(p => (p.Name, p.PropertyInfo!)).ToList(),
            };
        }
    }

    private sealed record Column(string Name, PropertyInfo Property, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter)
    {
        public object? ProviderValue(DefenceReturn r)
        {
            var value = Property.GetValue(r);
            return value is null || Converter is null ? value : Converter.ConvertToProvider(value);
        }
    }
}
