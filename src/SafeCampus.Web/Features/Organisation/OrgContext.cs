using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Organisation;

/// <summary>
/// Where the current user sits in the tree — a city bureau, a county bureau or a school — found from the tenant
/// scope's path (the unit whose own path equals it). Read once per request.
/// </summary>
public sealed class OrgContext(AppDbContext db, TenantScope scope)
{
    private OrgPlace? _place;

    public async Task<OrgPlace> GetAsync(CancellationToken ct = default)
    {
        if (_place is not null)
        {
            return _place;
        }

        var path = scope.Path;
        if (path is null)
        {
            return _place = OrgPlace.None;
        }

        var bureau = await db.Bureaus.Where(b => b.Path == path)
            .Select(b => new { b.Id, b.Name, b.Level }).FirstOrDefaultAsync(ct);
        if (bureau is not null)
        {
            return _place = new OrgPlace(bureau.Id, bureau.Name, bureau.Level, null, path);
        }

        var school = await db.Schools.Where(s => s.ScopePath == path)
            .Select(s => new { s.Id, s.Name, s.BureauId }).FirstOrDefaultAsync(ct);
        return _place = school is null ? OrgPlace.None : new OrgPlace(school.BureauId, school.Name, null, school.Id, path);
    }
}

/// <summary>The current user's unit. For a school user <see cref="BureauId"/> is the school's county bureau.</summary>
public sealed record OrgPlace(Guid? BureauId, string Name, BureauLevel? Level, Guid? SchoolId, string? Path)
{
    public static readonly OrgPlace None = new(null, "", null, null, null);

    public bool IsCity => SchoolId is null && Level == BureauLevel.City;

    public bool IsCounty => SchoolId is null && Level == BureauLevel.County;

    public bool IsSchool => SchoolId is not null;
}
