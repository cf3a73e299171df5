using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;

namespace SafeCampus.Web.Tenancy;

public static class TenantQueries
{
    /// <summary>The tag EF Core writes as a comment at the top of a query's SQL; <see cref="RowSecurityInterceptor"/> looks for it.</summary>
    public const string ReadAcrossTag = "safecampus:read-across";

    /// <summary>
    /// Reads rows outside the current scope: the narrow upward reads a use case needs (a school reading the settings
    /// its bureau set, the name of the county above it, a campaign it answers). Switches off the EF tenant filter for
    /// the query and, for that query's statement alone, lets row-level security read across the tree. Writes stay
    /// confined to the scope. A bare <c>IgnoreQueryFilters()</c> no longer crosses tenants: the database still
    /// filters. Use it only where the use case checks what it reads, with a comment saying why.
    /// </summary>
    public static IQueryable<T> AcrossTenants<T>(this IQueryable<T> query)
        where T : class =>
        query.IgnoreQueryFilters([AppDbContext.TenantFilter]).TagWith(ReadAcrossTag);
}
