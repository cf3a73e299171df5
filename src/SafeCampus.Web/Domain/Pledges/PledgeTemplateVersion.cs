namespace SafeCampus.Web.Domain;

/// <summary>One immutable version of a template's text, with placeholders such as {学校} (see PledgeText).</summary>
public sealed class PledgeTemplateVersion : ITenantOwned, IAuditable
{
    private PledgeTemplateVersion() { }

    internal PledgeTemplateVersion(Guid id, Guid templateId, string scopePath, PledgeKind kind, int number, string title, string body, DateTimeOffset createdAt, string? createdBy)
    {
        (Id, TemplateId, ScopePath, Kind, Number, Title, Body, CreatedAt, CreatedBy) = (id, templateId, scopePath, kind, number, title, body, createdAt, createdBy);
    }

    public Guid Id { get; private set; }
    public Guid TemplateId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public PledgeKind Kind { get; private set; }
    public int Number { get; private set; }
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string? CreatedBy { get; private set; }
}
