using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Organisation;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Audit;

/// <summary>The audit page's filters, parsed from its query string; anything unparsable is ignored.</summary>
public sealed record AuditFilter(string? User, string? Entity, string? Action, DateOnly? From, DateOnly? To, Guid? Unit, int Page)
{
    public static AuditFilter Parse(string? user, string? entity, string? action, string? from, string? to, string? unit, string? page) => new(
        string.IsNullOrWhiteSpace(user) ? null : user.Trim(),
        string.IsNullOrWhiteSpace(entity) ? null : entity.Trim(),
        string.IsNullOrWhiteSpace(action) ? null : action.Trim(),
        Date(from), Date(to),
        Guid.TryParse(unit, out var u) ? u : null,
        int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1);

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year is >= 2000 and <= 2100 ? d : null;

    public Dictionary<string, string?> ToQuery(int? page = null) => new()
    {
        ["user"] = User, ["entity"] = Entity, ["action"] = Action,
        ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["unit"] = Unit?.ToString(), ["page"] = page is > 1 ? page.Value.ToString(CultureInfo.InvariantCulture) : null,
    };
}

public sealed record AuditRow(long Id, DateTimeOffset At, string? UserName, string? ScopePath, string Entity, string EntityKey, string Action,
    string? Before, string? After, long? Seq);

/// <summary>
/// The audit trail as a bureau administrator may read it: the entries of their subtree (by scope path); the top
/// bureau also sees entries without a scope (sign-in attempts with unknown names, system work).
/// </summary>
public sealed class AuditQueries(AppDbContext db, TenantScope scope)
{
    public const int PageSize = 50;
    public const int ExportLimit = 50_000;

    public async Task<PageOf<AuditRow>> PageAsync(AuditFilter filter, CancellationToken ct)
    {
        var query = await FilteredAsync(filter, ct);
        var total = await query.CountAsync(ct);
        var page = Paging.Clamp(filter.Page, total, PageSize);
        var items = await Project(query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Skip((page - 1) * PageSize).Take(PageSize)).ToListAsync(ct);
        return new PageOf<AuditRow>(items, total, page, PageSize);
    }

    public async Task<List<AuditRow>> AllAsync(AuditFilter filter, CancellationToken ct) =>
        await Project((await FilteredAsync(filter, ct)).OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(ExportLimit)).ToListAsync(ct);

    /// <summary>Names for scope paths of the rows shown (schools and bureaus), in two queries.</summary>
    public async Task<Dictionary<string, string>> UnitNamesAsync(IEnumerable<AuditRow> rows, CancellationToken ct)
    {
        var paths = rows.Select(r => r.ScopePath).OfType<string>().Distinct().ToList();
        var schools = await db.Schools.AsNoTracking().Where(s => paths.Contains(s.ScopePath)).Select(s => new { s.ScopePath, s.Name }).ToListAsync(ct);
        var bureaus = await db.Bureaus.AsNoTracking().Where(b => paths.Contains(b.Path)).Select(b => new { b.Path, b.Name }).ToListAsync(ct);
        var names = schools.ToDictionary(s => s.ScopePath, s => s.Name, StringComparer.Ordinal);
        foreach (var b in bureaus)
        {
            names.TryAdd(b.Path, b.Name);
        }

        return names;
    }

    /// <summary>The entity names a filter can choose from: every audited entity and the sign-in events.</summary>
    public IReadOnlyList<string> EntityNames() =>
        [.. db.Model.GetEntityTypes().Where(t => typeof(IAuditable).IsAssignableFrom(t.ClrType)).Select(t => t.ClrType.Name)
            .Append(Account.SignInProtection.Entity).Append(nameof(CrossInspectionAssignment)).Distinct().Order(StringComparer.Ordinal)];

    private async Task<IQueryable<AuditEntry>> FilteredAsync(AuditFilter f, CancellationToken ct)
    {
        var prefix = scope.Path ?? throw new TenantViolationException("The audit trail needs a signed-in bureau.");
        var isTop = await db.Bureaus.AnyAsync(b => b.Path == prefix && b.ParentId == null, ct);
        var query = db.AuditEntries.AsNoTracking().Where(a => (a.ScopePath != null && a.ScopePath.StartsWith(prefix)) || (isTop && a.ScopePath == null));
        if (f.Unit is { } unit)
        {
            var path = await db.Schools.Where(s => s.Id == unit).Select(s => s.ScopePath).FirstOrDefaultAsync(ct)
                ?? await db.Bureaus.Where(b => b.Id == unit).Select(b => b.Path).FirstOrDefaultAsync(ct)
                ?? "\u0001none"; // a unit outside the subtree matches nothing
            query = query.Where(a => a.ScopePath != null && a.ScopePath.StartsWith(path));
        }

        if (f.User is { } user)
        {
            query = query.Where(a => a.UserName != null && a.UserName.Contains(user));
        }

        if (f.Entity is { } entity)
        {
            query = query.Where(a => a.Entity == entity);
        }

        if (f.Action is { } action)
        {
            query = query.Where(a => a.Action == action);
        }

        if (f.From is { } from)
        {
            var start = China.StartOfDay(from);
            query = query.Where(a => a.At >= start);
        }

        if (f.To is { } to)
        {
            var end = China.StartOfDay(to.AddDays(1));
            query = query.Where(a => a.At < end);
        }

        return query;
    }

    private static IQueryable<AuditRow> Project(IQueryable<AuditEntry> query) =>
        query.Select(a => new AuditRow(a.Id, a.At, a.UserName, a.ScopePath, a.Entity, a.EntityKey, a.Action, a.Before, a.After, a.Seq));
}
