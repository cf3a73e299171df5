namespace SafeCampus.Web.Domain;

/// <summary>
/// A bureau's self-check checklist (安全检查表): areas with items. Versioned: editing publishes a new version and retires
/// the old one, so a self-check keeps the items it was answered against.
/// </summary>
public sealed class ChecklistTemplate : ITenantOwned, IAuditable
{
    private ChecklistTemplate() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public string Name { get; private set; } = "";
    public int Version { get; private set; }
    public bool IsCurrent { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string? CreatedBy { get; private set; }
    public List<ChecklistItem> Items { get; private set; } = [];

    public static ChecklistTemplate Create(Bureau bureau, string name, IEnumerable<(string Area, string Text)> items, int version, string? by, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 60)
        {
            throw new DomainException("Hazards.ChecklistNameInvalid");
        }

        var list = items.Select((x, i) => new ChecklistItem(0, x.Area.Trim(), x.Text.Trim(), i + 1)).ToList();
        if (list.Count == 0 || list.Count > 300)
        {
            throw new DomainException("Hazards.ChecklistEmpty");
        }

        if (list.Any(x => x.Area.Length is 0 or > 30 || x.Text.Length is 0 or > 200))
        {
            throw new DomainException("Hazards.ChecklistItemInvalid");
        }

        return new ChecklistTemplate
        {
            Id = Guid.CreateVersion7(), BureauId = bureau.Id, ScopePath = bureau.Path, Name = name.Trim(), Version = version,
            IsCurrent = true, CreatedAt = now, CreatedBy = by, Items = list,
        };
    }

    public void Retire() => IsCurrent = false;

    public IEnumerable<string> Areas => Items.OrderBy(i => i.SortOrder).Select(i => i.Area).Distinct();
}

public sealed record ChecklistItem(int Id, string Area, string Text, int SortOrder);
