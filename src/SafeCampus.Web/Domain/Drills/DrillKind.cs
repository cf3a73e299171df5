namespace SafeCampus.Web.Domain;

/// <summary>A kind of emergency drill (演练类型), kept by a bureau for the schools below it.</summary>
public sealed class DrillKind : ITenantOwned, IAuditable
{
    private DrillKind() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }
    public string ScopePath { get; private set; } = "";

    /// <summary>Stable code of a seeded kind (fire, earthquake, …) or "custom".</summary>
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";

    /// <summary>Only boarding schools hold it (e.g. night evacuation 夜间疏散).</summary>
    public bool BoardingOnly { get; private set; }
    public int SortOrder { get; private set; }
    public bool IsActive { get; private set; } = true;

    public static DrillKind Create(Bureau bureau, string code, string name, bool boardingOnly, int sortOrder)
    {
        var kind = new DrillKind { Id = Guid.CreateVersion7(), BureauId = bureau.Id, ScopePath = bureau.Path, Code = code.Trim(), SortOrder = sortOrder };
        kind.Update(name, boardingOnly, isActive: true);
        return kind;
    }

    public void Update(string name, bool boardingOnly, bool isActive)
    {
        Name = string.IsNullOrWhiteSpace(name) || name.Trim().Length > 30 ? throw new DomainException("Drills.KindNameInvalid") : name.Trim();
        BoardingOnly = boardingOnly;
        IsActive = isActive;
    }
}
