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
