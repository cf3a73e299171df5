using SafeCampus.Web.Tenancy;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Features.Organisation.Schools;

/// <summary>The school form as posted: text fields are parsed here so that every mistake gets a Chinese message.</summary>
public sealed class SchoolInput
{
    public string? Name { get; set; }
    public string? Kind { get; set; }
    public bool IsPrivate { get; set; }
    public bool IsBoarding { get; set; }
    public string? Students { get; set; }
    public string? Staff { get; set; }
    public string? Classes { get; set; }
    public string? Address { get; set; }
    public string? DistrictId { get; set; }

    /// <summary>The county bureau; only read when a city administrator creates a school.</summary>
    public string? BureauId { get; set; }

    /// <summary>The row version the form was filled from: a save over someone else's change is refused.</summary>
    public uint? Version { get; set; }

    public static SchoolInput From(SchoolView s) => new()
    {
        Name = s.Name, Kind = s.Kind.ToString(), IsPrivate = s.IsPrivate, IsBoarding = s.IsBoarding,
        Students = Invariant(s.Students), Staff = Invariant(s.Staff), Classes = Invariant(s.Classes), Address = s.Address,
        DistrictId = s.DistrictId?.ToString(), BureauId = s.BureauId.ToString(), Version = s.Version,
    };

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The counts a school maintains itself (学生数、教职工数、班级数).</summary>
public sealed class SchoolCountsInput
{
    public string? Students { get; set; }
    public string? Staff { get; set; }
    public string? Classes { get; set; }
    public uint? Version { get; set; }

    public static SchoolCountsInput From(SchoolView s) => new()
    {
        Students = s.Students.ToString(CultureInfo.InvariantCulture), Staff = s.Staff.ToString(CultureInfo.InvariantCulture),
        Classes = s.Classes.ToString(CultureInfo.InvariantCulture), Version = s.Version,
    };
}

public sealed record SchoolView(
    Guid Id, string Name, SchoolKind Kind, bool IsPrivate, bool IsBoarding, int Students, int Staff, int Classes,
    string? Address, Guid BureauId, string BureauName, Guid? DistrictId, string? DistrictName, string? LiaisonName, uint Version);

/// <summary>Creates and edits schools within the user's scope; one SaveChanges per command.</summary>
public sealed class SchoolEditor(AppDbContext db, OrgContext org, TimeProvider clock)
{
    public async Task<SchoolView?> GetAsync(Guid id, CancellationToken ct = default)
    {
        var s = await db.Schools.AsNoTracking().Where(x => x.Id == id)
            .Select(x => new { x.Id, x.Name, x.Kind, x.IsPrivate, x.IsBoarding, x.Students, x.Staff, x.Classes, x.Address, x.BureauId, x.DistrictId, x.Version })
            .FirstOrDefaultAsync(ct);
        if (s is null)
        {
            return null;
        }

        // The school's own county and district lie above a school user's scope, so the tenant filter hides them;
        // their names (and the liaison's) belong to the school's facts. Read only these, by the school's own keys.
        var bureauName = await db.Bureaus.AcrossTenants()
            .Where(b => b.Id == s.BureauId).Select(b => b.Name).FirstOrDefaultAsync(ct) ?? "";
        var district = s.DistrictId is { } districtId
            ? await db.SafetyDistricts.AcrossTenants().Where(d => d.Id == districtId)
                .Select(d => new { d.Name, Liaison = d.Liaison != null ? d.Liaison.FullName : null }).FirstOrDefaultAsync(ct)
            : null;
        return new SchoolView(s.Id, s.Name, s.Kind, s.IsPrivate, s.IsBoarding, s.Students, s.Staff, s.Classes, s.Address,
            s.BureauId, bureauName, s.DistrictId, district?.Name, district?.Liaison, s.Version);
    }

    /// <summary>The school of a school user (the school whose path is the user's scope), or null.</summary>
    public async Task<SchoolView?> MySchoolAsync(CancellationToken ct = default)
    {
        var place = await org.GetAsync(ct);
        return place.SchoolId is { } id ? await GetAsync(id, ct) : null;
    }

    /// <summary>Creates (<paramref name="id"/> null) or updates a school.</summary>
    public async Task<SaveResult> SaveAsync(Guid? id, SchoolInput input, CancellationToken ct = default)
    {
        var errors = new FormErrors();
        var name = errors.Text(nameof(input.Name), OrganisationText.SchoolName, input.Name, 100);
        SchoolKind? kind = Enum.TryParse<SchoolKind>(input.Kind, out var k) && Enum.IsDefined(k) ? k : null;
        if (kind is null)
        {
            errors.Add(nameof(input.Kind), string.Format(CultureInfo.CurrentCulture, OrganisationText.FieldChoose, OrganisationText.SchoolKind));
        }

        var students = errors.Count(nameof(input.Students), OrganisationText.Students, input.Students, SchoolDetails.MaxStudents);
        var staff = errors.Count(nameof(input.Staff), OrganisationText.Staff, input.Staff, SchoolDetails.MaxStaff);
        var classes = errors.Count(nameof(input.Classes), OrganisationText.Classes, input.Classes, SchoolDetails.MaxClasses);
        var address = errors.Text(nameof(input.Address), OrganisationText.Address, input.Address, 200, required: false);

        School? school = null;
        Bureau? county = null;
        if (id is { } schoolId)
        {
            school = await db.Schools.FirstOrDefaultAsync(s => s.Id == schoolId, ct);
            if (school is null)
            {
                return SaveResult.NotFound();
            }

            county = await db.Bureaus.FirstOrDefaultAsync(b => b.Id == school.BureauId, ct);
        }
        else
        {
            var place = await org.GetAsync(ct);
            if (place.IsCounty)
            {
                county = await db.Bureaus.FirstOrDefaultAsync(b => b.Id == place.BureauId, ct);
            }
            else if (place.IsCity)
            {
                var countyId = Paging.ParseGuid(input.BureauId);
                county = countyId is null ? null
                    : await db.Bureaus.FirstOrDefaultAsync(b => b.Id == countyId && b.Level == BureauLevel.County, ct);
                if (county is null)
                {
                    errors.Add(nameof(input.BureauId), string.Format(CultureInfo.CurrentCulture, OrganisationText.FieldChoose, OrganisationText.CountyBureau));
                }
            }
            else
            {
                return SaveResult.Forbidden();
            }
        }

        SafetyDistrict? district = null;
        if (!string.IsNullOrWhiteSpace(input.DistrictId))
        {
            var districtId = Paging.ParseGuid(input.DistrictId);
            district = districtId is null ? null : await db.SafetyDistricts.FirstOrDefaultAsync(d => d.Id == districtId, ct);
            if (district is null || (county is not null && district.BureauId != county.Id))
            {
                errors.Add(nameof(input.DistrictId), OrganisationText.DistrictNotOfCounty);
            }
        }

        if (name is not null && county is not null
            && await db.Schools.AnyAsync(s => s.BureauId == county.Id && s.Name == name && s.Id != id, ct))
        {
            errors.Add(nameof(input.Name), Duplicate(county.Name, name));
        }

        if (errors.Any || county is null)
        {
            return SaveResult.Invalid(errors);
        }

        var details = new SchoolDetails(name!, kind!.Value, input.IsPrivate, input.IsBoarding, students!.Value, staff!.Value,
            classes!.Value, address);
        try
        {
            if (school is null)
            {
                school = School.Create(county, details, clock.GetUtcNow());
                db.Schools.Add(school);
            }
            else
            {
                school.Update(details);
                ExpectVersion(school, input.Version);
            }

            school.AssignDistrict(district);
            await db.SaveChangesAsync(ct);
            return SaveResult.Ok(school.Id);
        }
        catch (DomainException ex)
        {
            return Failed(ex.LocalizedMessage());
        }
        catch (DbUpdateConcurrencyException)
        {
            return Failed(OrganisationText.ChangedByOthers);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Failed(Duplicate(county.Name, name!));
        }
    }

    /// <summary>A school user updates the counts of their own school; everything else stays as the bureau set it.</summary>
    public async Task<SaveResult> SaveMyCountsAsync(SchoolCountsInput input, CancellationToken ct = default)
    {
        var place = await org.GetAsync(ct);
        var school = place.SchoolId is { } id ? await db.Schools.FirstOrDefaultAsync(s => s.Id == id, ct) : null;
        if (school is null)
        {
            return SaveResult.NotFound();
        }

        var errors = new FormErrors();
        var students = errors.Count(nameof(input.Students), OrganisationText.Students, input.Students, SchoolDetails.MaxStudents);
        var staff = errors.Count(nameof(input.Staff), OrganisationText.Staff, input.Staff, SchoolDetails.MaxStaff);
        var classes = errors.Count(nameof(input.Classes), OrganisationText.Classes, input.Classes, SchoolDetails.MaxClasses);
        if (errors.Any)
        {
            return SaveResult.Invalid(errors);
        }

        try
        {
            school.Update(new SchoolDetails(school.Name, school.Kind, school.IsPrivate, school.IsBoarding,
                students!.Value, staff!.Value, classes!.Value, school.Address));
            ExpectVersion(school, input.Version);
            await db.SaveChangesAsync(ct);
            return SaveResult.Ok(school.Id);
        }
        catch (DomainException ex)
        {
            return Failed(ex.LocalizedMessage());
        }
        catch (DbUpdateConcurrencyException)
        {
            return Failed(OrganisationText.ChangedByOthers);
        }
    }

    private void ExpectVersion(School school, uint? version)
    {
        if (version is { } v)
        {
            db.Entry(school).Property(s => s.Version).OriginalValue = v;
        }
    }

    /// <summary>Forgets the failed changes, so that nothing of them can be saved later in this request.</summary>
    private SaveResult Failed(string message)
    {
        db.ChangeTracker.Clear();
        return SaveResult.Invalid(message);
    }

    private static string Duplicate(string county, string name) =>
        string.Format(CultureInfo.CurrentCulture, OrganisationText.SchoolNameTaken, county, name);
}
