namespace SafeCampus.Web.Domain;

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
