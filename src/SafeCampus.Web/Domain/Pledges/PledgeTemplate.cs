namespace SafeCampus.Web.Domain;

/// <summary>
/// A bureau's pledge or notice template (责任书模板). Its text lives in numbered versions; editing adds a version, so a
/// version that was signed never changes (the database refuses updates of versions, too).
/// </summary>
public sealed class PledgeTemplate : ITenantOwned, IAuditable
{
    public const int MaxBody = 20_000;

    private PledgeTemplate() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public PledgeKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    public int LatestVersion { get; private set; }
    public Guid LatestVersionId { get; private set; }
    public bool IsActive { get; private set; } = true;
    public DateTimeOffset CreatedAt { get; private set; }
    public uint Version { get; private set; }

    public static (PledgeTemplate Template, PledgeTemplateVersion First) Create(Bureau bureau, PledgeKind kind, string name, string body, string? by, DateTimeOffset now)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new DomainException("Pledges.KindInvalid");
        }

        var template = new PledgeTemplate { Id = Guid.CreateVersion7(), BureauId = bureau.Id, ScopePath = bureau.Path, Kind = kind, CreatedAt = now };
        var first = template.Revise(name, body, by, now);
        return (template, first);
    }

    /// <summary>Adds a new version with the given text; earlier versions stay as they were.</summary>
    public PledgeTemplateVersion Revise(string name, string body, string? by, DateTimeOffset now)
    {
        var title = string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100 ? throw new DomainException("Pledges.TitleInvalid") : name.Trim();
        var text = NormaliseBody(body);
        LatestVersion++;
        var version = new PledgeTemplateVersion(Guid.CreateVersion7(), Id, ScopePath, Kind, LatestVersion, title, text, now, by);
        Name = title;
        LatestVersionId = version.Id;
        return version;
    }

    public void SetActive(bool active) => IsActive = active;

    /// <summary>Line endings \n, no trailing spaces, at most one blank line between paragraphs.</summary>
    public static string NormaliseBody(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            throw new DomainException("Pledges.BodyRequired");
        }

        var lines = body.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n').Select(l => l.TrimEnd());
        var text = string.Join('\n', lines).Trim('\n');
        while (text.Contains("\n\n\n", StringComparison.Ordinal))
        {
            text = text.Replace("\n\n\n", "\n\n", StringComparison.Ordinal);
        }

        return text.Length > MaxBody ? throw new DomainException("Pledges.BodyTooLong") : text;
    }
}
