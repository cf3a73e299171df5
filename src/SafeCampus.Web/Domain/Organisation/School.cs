namespace SafeCampus.Web.Domain;

public enum SchoolKind
{
    Kindergarten = 1,
    Primary = 2,
    Junior = 3,
    Senior = 4,
    NineYear = 5,
    Vocational = 6,
}

/// <summary>School or kindergarten (学校/幼儿园). Belongs to exactly one county bureau.</summary>
public sealed class School : ITenantOwned, IAuditable
{
    private School() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }
    public Bureau? Bureau { get; private set; }
    public string Name { get; private set; } = "";
    public SchoolKind Kind { get; private set; }
    public bool IsPrivate { get; private set; }
    public bool IsBoarding { get; private set; }
    public int Students { get; private set; }
    public int Staff { get; private set; }
    public int Classes { get; private set; }
    public string? Address { get; private set; }
    public Guid? DistrictId { get; private set; }
    public SafetyDistrict? District { get; private set; }
    public string ScopePath { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public uint Version { get; private set; }

    /// <summary>Part of the school's calendar subscription link; renewing the link increments it, so old links stop working.</summary>
    public int CalendarLinkVersion { get; private set; }

    public void RenewCalendarLink() => CalendarLinkVersion++;

    public static School Create(Bureau bureau, SchoolDetails details, DateTimeOffset now)
    {
        if (bureau.Level != BureauLevel.County)
        {
            throw new DomainException("Organisation.SchoolNeedsCounty");
        }

        var id = Guid.CreateVersion7();
        var school = new School { Id = id, BureauId = bureau.Id, ScopePath = $"{bureau.Path}{id:N}/", CreatedAt = now };
        school.Update(details);
        return school;
    }

    public void Update(SchoolDetails details)
    {
        details.Validate();
        Name = details.Name.Trim();
        Kind = details.Kind;
        IsPrivate = details.IsPrivate;
        IsBoarding = details.IsBoarding;
        Students = details.Students;
        Staff = details.Staff;
        Classes = details.Classes;
        Address = string.IsNullOrWhiteSpace(details.Address) ? null : details.Address.Trim();
    }

    /// <summary>
    /// Moves the school under another county bureau (and into one of its districts, or none). Only the school's own
    /// row changes here; the caller moves every row under the school's old scope path to <see cref="ScopePath"/>.
    /// </summary>
    public void MoveTo(Bureau county, SafetyDistrict? district)
    {
        if (county.Level != BureauLevel.County)
        {
            throw new DomainException("Organisation.SchoolNeedsCounty");
        }

        if (county.Id == BureauId)
        {
            throw new DomainException("Organisation.SchoolAlreadyInCounty");
        }

        BureauId = county.Id;
        ScopePath = $"{county.Path}{Id:N}/";
        DistrictId = null;
        AssignDistrict(district);
    }

    public void AssignDistrict(SafetyDistrict? district)
    {
        if (district is not null && district.BureauId != BureauId)
        {
            throw new DomainException("Organisation.DistrictOtherBureau");
        }

        DistrictId = district?.Id;
    }
}

public sealed record SchoolDetails(
    string Name, SchoolKind Kind, bool IsPrivate, bool IsBoarding, int Students, int Staff, int Classes, string? Address)
{
    public const int MaxStudents = 20_000;
    public const int MaxStaff = 3_000;
    public const int MaxClasses = 400;

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > 100)
        {
            throw new DomainException("Organisation.SchoolNameInvalid");
        }

        if (!Enum.IsDefined(Kind))
        {
            throw new DomainException("Organisation.SchoolKindInvalid");
        }

        if (Students is < 0 or > MaxStudents || Staff is < 0 or > MaxStaff || Classes is < 0 or > MaxClasses)
        {
            throw new DomainException("Organisation.SchoolCountsInvalid");
        }
    }
}
