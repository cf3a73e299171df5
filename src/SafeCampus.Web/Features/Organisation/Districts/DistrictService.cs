using SafeCampus.Web.Tenancy;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Features.Organisation.Districts;

public sealed record DistrictRow(Guid Id, string Name, Guid BureauId, string BureauName, string? LiaisonName, int Schools);

public sealed record DistrictView(Guid Id, string Name, Guid BureauId, string BureauName, string? LiaisonUserId);

public sealed record LiaisonOption(string Id, string FullName, string UserName, string BureauName);

public sealed class DistrictInput
{
    public string? Name { get; set; }
    public string? LiaisonUserId { get; set; }

    public static DistrictInput From(DistrictView d) => new() { Name = d.Name, LiaisonUserId = d.LiaisonUserId };
}

/// <summary>Safety districts (安全小区) and their liaison officers (包保责任人). Districts belong to a county bureau.</summary>
public sealed class DistrictService(AppDbContext db, OrgContext org)
{
    /// <summary>The districts in scope with their school counts, in one query; liaison names in a second.</summary>
    public async Task<List<DistrictRow>> ListAsync(CancellationToken ct = default)
    {
        var rows = await (
            from d in db.SafetyDistricts.AsNoTracking()
            join b in db.Bureaus on d.BureauId equals b.Id
            orderby b.Name, d.Name
            select new
            {
                d.Id, d.Name, d.BureauId, BureauName = b.Name, d.LiaisonUserId,
                Schools = db.Schools.Count(s => s.DistrictId == d.Id),
            }).ToListAsync(ct);
        var names = await LiaisonNamesAsync(rows.Select(r => r.LiaisonUserId), ct);
        return rows.Select(r => new DistrictRow(r.Id, r.Name, r.BureauId, r.BureauName,
            r.LiaisonUserId is { } l ? names.GetValueOrDefault(l) : null, r.Schools)).ToList();
    }

    /// <summary>Schools in scope that belong to no district.</summary>
    public Task<int> SchoolsWithoutDistrictAsync(CancellationToken ct = default) =>
        db.Schools.CountAsync(s => s.DistrictId == null, ct);

    public Task<DistrictView?> GetAsync(Guid id, CancellationToken ct = default) =>
        (from d in db.SafetyDistricts.AsNoTracking()
         join b in db.Bureaus on d.BureauId equals b.Id
         where d.Id == id
         select new DistrictView(d.Id, d.Name, b.Id, b.Name, d.LiaisonUserId)).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Who may be a county's liaison: active bureau staff of that county or of its city. City staff lie above a county
    /// user's scope, so they are read past the tenant filter — only these, and only names.
    /// </summary>
    public async Task<List<LiaisonOption>> LiaisonCandidatesAsync(Guid countyId, CancellationToken ct = default)
    {
        var paths = await UnitPathsAsync(countyId, ct);
        if (paths.Count == 0)
        {
            return [];
        }

        return await (
            from u in db.Users.AcrossTenants().AsNoTracking()
            join b in db.Bureaus.AcrossTenants() on u.BureauId equals b.Id
            where paths.Contains(u.ScopePath) && u.SchoolId == null && !u.IsDisabled
                && (u.Role == UserRole.BureauAdmin || u.Role == UserRole.BureauSafetyOfficer)
            orderby b.Level descending, u.FullName
            select new LiaisonOption(u.Id, u.FullName, u.UserName!, b.Name)).ToListAsync(ct);
    }

    /// <summary>Creates (<paramref name="id"/> null) or renames a district and sets its liaison. County administrators only.</summary>
    public async Task<SaveResult> SaveAsync(Guid? id, DistrictInput input, CancellationToken ct = default)
    {
        var place = await org.GetAsync(ct);
        if (!place.IsCounty)
        {
            return SaveResult.Forbidden();
        }

        SafetyDistrict? district = null;
        if (id is { } districtId)
        {
            district = await db.SafetyDistricts.FirstOrDefaultAsync(d => d.Id == districtId, ct);
            if (district is null)
            {
                return SaveResult.NotFound();
            }
        }

        var county = await db.Bureaus.FirstAsync(b => b.Id == place.BureauId, ct);
        var errors = new FormErrors();
        var name = errors.Text(nameof(input.Name), OrganisationText.DistrictName, input.Name, 50);
        if (name is not null && await db.SafetyDistricts.AnyAsync(d => d.BureauId == county.Id && d.Name == name && d.Id != id, ct))
        {
            errors.Add(nameof(input.Name), Duplicate(name));
        }

        AppUser? liaison = null;
        if (!string.IsNullOrWhiteSpace(input.LiaisonUserId))
        {
            var candidates = await LiaisonCandidatesAsync(county.Id, ct);
            if (candidates.All(c => c.Id != input.LiaisonUserId))
            {
                errors.Add(nameof(input.LiaisonUserId), OrganisationText.LiaisonInvalid);
            }
            else
            {
                liaison = await db.Users.AcrossTenants().AsNoTracking()
                    .FirstAsync(u => u.Id == input.LiaisonUserId, ct);
            }
        }

        if (errors.Any)
        {
            return SaveResult.Invalid(errors);
        }

        return await OrgSave.RunAsync(db, () =>
        {
            if (district is null)
            {
                district = SafetyDistrict.Create(county, name!);
                db.SafetyDistricts.Add(district);
            }
            else
            {
                district.Rename(name!);
            }

            district.SetLiaison(liaison);
            return district.Id;
        }, () => Duplicate(name!), ct);
    }

    /// <summary>Paths of a county in scope and of its parent city: the units whose staff may be its liaison.</summary>
    private async Task<List<string>> UnitPathsAsync(Guid countyId, CancellationToken ct)
    {
        var county = await db.Bureaus.AsNoTracking().Where(b => b.Id == countyId && b.Level == BureauLevel.County)
            .Select(b => new { b.Path, b.ParentId }).FirstOrDefaultAsync(ct);
        if (county is null)
        {
            return [];
        }

        var paths = new List<string> { county.Path };
        var city = await db.Bureaus.AcrossTenants().AsNoTracking()
            .Where(b => b.Id == county.ParentId).Select(b => b.Path).FirstOrDefaultAsync(ct);
        if (city is not null)
        {
            paths.Add(city);
        }

        return paths;
    }

    private async Task<Dictionary<string, string>> LiaisonNamesAsync(IEnumerable<string?> ids, CancellationToken ct)
    {
        var wanted = ids.OfType<string>().Distinct().ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        // Liaisons of districts in scope may be city staff, above the user's scope: read their names only.
        return await db.Users.AcrossTenants().AsNoTracking()
            .Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
    }

    private static string Duplicate(string name) =>
        string.Format(CultureInfo.CurrentCulture, OrganisationText.DistrictNameTaken, name);
}
