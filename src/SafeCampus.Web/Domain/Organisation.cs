namespace SafeCampus.Web.Domain;

/// <summary>Education bureau (教育局). Bureaus form a tree: city (市) above county/district (县/区).</summary>
public sealed class Bureau : ITenantOwned, IAuditable
{
    private Bureau() { }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string? ShortName { get; private set; }
    public BureauLevel Level { get; private set; }
    public Guid? ParentId { get; private set; }
    public Bureau? Parent { get; private set; }

    /// <summary>Materialised path of bureau ids, e.g. "/{city}/{county}/". The tenant boundary.</summary>
    public string Path { get; private set; } = "";

    /// <summary>A bureau's own scope is its path: its users see the bureau itself and everything below it.</summary>
    public string ScopePath => Path;
    public DateTimeOffset CreatedAt { get; private set; }

    public static Bureau CreateCity(string name, string? shortName, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7();
        return new Bureau
        {
            Id = id, Name = Required(name), ShortName = shortName?.Trim(), Level = BureauLevel.City,
            Path = $"/{id:N}/", CreatedAt = now,
        };
    }

    public Bureau CreateChild(string name, string? shortName, DateTimeOffset now)
    {
        if (Level != BureauLevel.City)
        {
            throw new DomainException("Organisation.OnlyCityHasChildren");
        }

        var id = Guid.CreateVersion7();
        return new Bureau
        {
            Id = id, Name = Required(name), ShortName = shortName?.Trim(), Level = BureauLevel.County,
            ParentId = Id, Path = $"{Path}{id:N}/", CreatedAt = now,
        };
    }

    public void Rename(string name, string? shortName)
    {
        Name = Required(name);
        ShortName = string.IsNullOrWhiteSpace(shortName) ? null : shortName.Trim();
    }

    private static string Required(string value) =>
        string.IsNullOrWhiteSpace(value) ? throw new DomainException("Organisation.NameRequired") : value.Trim();
}

public enum BureauLevel
{
    City = 1,
    County = 2,
}

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

/// <summary>Safety district (安全小区): a group of a county's schools with a bureau liaison officer (包保责任人).</summary>
public sealed class SafetyDistrict : ITenantOwned, IAuditable
{
    private SafetyDistrict() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }
    public string Name { get; private set; } = "";
    public string? LiaisonUserId { get; private set; }
    public AppUser? Liaison { get; private set; }
    public string ScopePath { get; private set; } = "";

    public static SafetyDistrict Create(Bureau bureau, string name)
    {
        if (bureau.Level != BureauLevel.County)
        {
            throw new DomainException("Organisation.DistrictNeedsCounty");
        }

        var d = new SafetyDistrict { Id = Guid.CreateVersion7(), BureauId = bureau.Id, ScopePath = bureau.Path };
        d.Rename(name);
        return d;
    }

    public void Rename(string name) =>
        Name = string.IsNullOrWhiteSpace(name) || name.Trim().Length > 50
            ? throw new DomainException("Organisation.DistrictNameInvalid")
            : name.Trim();

    public void SetLiaison(AppUser? user)
    {
        if (user is not null && (user.BureauId != BureauId && !ScopePath.StartsWith(user.ScopePath, StringComparison.Ordinal)))
        {
            throw new DomainException("Organisation.LiaisonOutOfScope");
        }

        if (user is not null && !user.Role.IsBureauRole())
        {
            throw new DomainException("Organisation.LiaisonMustBeBureauStaff");
        }

        LiaisonUserId = user?.Id;
    }
}
