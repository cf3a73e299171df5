using System.Security.Claims;

namespace SafeCampus.Web.Tenancy;

/// <summary>
/// The part of the bureau tree the current operation may see and change. Scoped per request or circuit.
/// With no scope set, tenant-owned queries return nothing and writes throw: isolation fails safe.
/// </summary>
public sealed class TenantScope
{
    public const string ScopeClaim = "sc:scope";
    public const string BureauClaim = "sc:bureau";
    public const string SchoolClaim = "sc:school";
    public const string FullNameClaim = "sc:name";

    /// <summary>Matches no path: used in query filters when no scope is set.</summary>
    internal const string Nothing = "\u0001none\u0001";

    public string? Path { get; private set; }
    public bool IsSystem { get; private set; }
    public string? UserId { get; private set; }
    public string? UserName { get; private set; }
    public Guid? BureauId { get; private set; }
    public Guid? SchoolId { get; private set; }

    public bool IsSet => IsSystem || Path is not null;

    /// <summary>The prefix used by query filters: "/" for system work, an impossible value when unset.</summary>
    public string FilterPrefix => IsSystem ? "/" : Path ?? Nothing;

    public void SetFrom(ClaimsPrincipal? user)
    {
        var path = user?.FindFirstValue(ScopeClaim);
        if (user?.Identity?.IsAuthenticated != true || string.IsNullOrEmpty(path))
        {
            return;
        }

        Path = path;
        IsSystem = false;
        UserId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        UserName = user.Identity.Name;
        BureauId = Guid.TryParse(user.FindFirstValue(BureauClaim), out var b) ? b : null;
        SchoolId = Guid.TryParse(user.FindFirstValue(SchoolClaim), out var s) ? s : null;
    }

    public void Set(string path, string? userId = null, string? userName = null)
    {
        Path = path;
        IsSystem = false;
        UserId = userId;
        UserName = userName;
    }

    /// <summary>Whole-tree access for background jobs, sign-in and seeding. Never for a user's request.</summary>
    public IDisposable EnterSystem(string actor = "system")
    {
        var (path, system, name) = (Path, IsSystem, UserName);
        IsSystem = true;
        UserName ??= actor;
        return new Restore(() => (Path, IsSystem, UserName) = (path, system, name));
    }

    public bool Covers(string scopePath) =>
        IsSystem || (Path is not null && scopePath.StartsWith(Path, StringComparison.Ordinal));

    private InsertGrant? _grant;

    /// <summary>
    /// Lets the current user insert new rows of the named types at exactly one path outside their scope, until
    /// disposed: the narrow way a use case writes into another school (a cross-school inspection's findings). Reads
    /// stay filtered, updates and deletes stay refused. The caller checks the business rule and audits the grant.
    /// </summary>
    public IDisposable GrantInsert(string scopePath, params Type[] types)
    {
        if (_grant is not null || Path is null)
        {
            throw new InvalidOperationException("An insert grant needs a user's scope and cannot be nested.");
        }

        _grant = new InsertGrant(scopePath, [.. types]);
        return new Restore(() => _grant = null);
    }

    /// <summary>True when a new row of the type may be written at the path: inside the scope, or under a grant for it.</summary>
    public bool MayInsert(string scopePath, Type type) =>
        Covers(scopePath) || (_grant is { } g && g.Path == scopePath && g.Types.Contains(type));

    /// <summary>The insert grant in force, if any: row-level security lets the same inserts through (Data/RowSecurity.cs).</summary>
    public (string Path, IReadOnlySet<Type> Types)? CurrentGrant => _grant is { } g ? (g.Path, g.Types) : null;

    private sealed record InsertGrant(string Path, HashSet<Type> Types);

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}

/// <summary>A write touched data outside the current user's scope.</summary>
public sealed class TenantViolationException(string message) : Exception(message);
