namespace SafeCampus.Web.Domain;

/// <summary>The next rectification-notice number of one bureau in one year; taken with UPDATE … RETURNING.</summary>
public sealed class NoticeCounter : ITenantOwned
{
    private NoticeCounter() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public int Year { get; private set; }
    public int Next { get; private set; } = 1;

    public static NoticeCounter Create(Bureau bureau, int year) =>
        new() { Id = Guid.CreateVersion7(), BureauId = bureau.Id, ScopePath = bureau.Path, Year = year };

    /// <summary>Takes a number in memory (seeding); issuing takes it in SQL so concurrent issuers never share one.</summary>
    public int Take() => Next++;
}
