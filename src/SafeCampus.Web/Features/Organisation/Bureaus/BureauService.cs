using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Features.Organisation.Bureaus;

public sealed record BureauRow(Guid Id, string Name, string? ShortName, BureauLevel Level, int Schools, int Users);

public sealed class BureauInput
{
    public string? Name { get; set; }
    public string? ShortName { get; set; }

    public static BureauInput From(BureauRow b) => new() { Name = b.Name, ShortName = b.ShortName };
}

/// <summary>County bureaus (县/区教育局) under a city bureau: listed, created and renamed by the city's administrators.</summary>
public sealed class BureauService(AppDbContext db, OrgContext org, TimeProvider clock)
{
    /// <summary>The user's own bureau's children (a city's counties) with school and user counts, in one query.</summary>
    public async Task<List<BureauRow>> ChildrenAsync(CancellationToken ct = default)
    {
        var place = await org.GetAsync(ct);
        return await Rows(db.Bureaus.Where(b => b.ParentId == place.BureauId && place.BureauId != null).OrderBy(b => b.Name))
            .ToListAsync(ct);
    }

    /// <summary>The user's own bureau, with its counts.</summary>
    public async Task<BureauRow?> OwnAsync(CancellationToken ct = default)
    {
        var place = await org.GetAsync(ct);
        return await Rows(db.Bureaus.Where(b => b.Id == place.BureauId)).FirstOrDefaultAsync(ct);
    }

    /// <summary>A child bureau of the user's city bureau, or null (not a child, or not in scope).</summary>
    public async Task<BureauRow?> GetChildAsync(Guid id, CancellationToken ct = default)
    {
        var place = await org.GetAsync(ct);
        return await Rows(db.Bureaus.Where(b => b.Id == id && b.ParentId == place.BureauId && place.BureauId != null))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Creates (<paramref name="id"/> null) or renames a county bureau. Only a city bureau's administrators may.</summary>
    public async Task<SaveResult> SaveAsync(Guid? id, BureauInput input, CancellationToken ct = default)
    {
        var place = await org.GetAsync(ct);
        if (!place.IsCity)
        {
            return SaveResult.Forbidden();
        }

        var city = await db.Bureaus.FirstAsync(b => b.Id == place.BureauId, ct);
        Bureau? bureau = null;
        if (id is { } bureauId)
        {
            bureau = await db.Bureaus.FirstOrDefaultAsync(b => b.Id == bureauId && b.ParentId == city.Id, ct);
            if (bureau is null)
            {
                return SaveResult.NotFound();
            }
        }

        var errors = new FormErrors();
        var name = errors.Text(nameof(input.Name), OrganisationText.BureauName, input.Name, 100);
        var shortName = errors.Text(nameof(input.ShortName), OrganisationText.BureauShortName, input.ShortName, 30, required: false);
        if (name is not null && await db.Bureaus.AnyAsync(b => b.ParentId == city.Id && b.Name == name && b.Id != id, ct))
        {
            errors.Add(nameof(input.Name), Duplicate(name));
        }

        if (errors.Any)
        {
            return SaveResult.Invalid(errors);
        }

        return await OrgSave.RunAsync(db, () =>
        {
            if (bureau is null)
            {
                bureau = city.CreateChild(name!, shortName, clock.GetUtcNow());
                db.Bureaus.Add(bureau);
            }
            else
            {
                bureau.Rename(name!, shortName);
            }

            return bureau.Id;
        }, () => Duplicate(name!), ct);
    }

    private IQueryable<BureauRow> Rows(IQueryable<Bureau> bureaus) =>
        bureaus.AsNoTracking().Select(b => new BureauRow(b.Id, b.Name, b.ShortName, b.Level,
            db.Schools.Count(s => s.BureauId == b.Id),
            db.Users.Count(u => u.BureauId == b.Id)));

    private static string Duplicate(string name) =>
        string.Format(CultureInfo.CurrentCulture, OrganisationText.BureauNameTaken, name);
}
