namespace SafeCampus.Web.Domain;

/// <summary>A bureau closed a month: returns of its schools for that month are locked and no new ones start.</summary>
public sealed class DefenceMonthClosure : ITenantOwned, IAuditable
{
    private DefenceMonthClosure() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public DateOnly Month { get; private set; }
    public DateTimeOffset ClosedAt { get; private set; }
    public string? ClosedBy { get; private set; }

    public static DefenceMonthClosure Close(Bureau bureau, DateOnly month, string? by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(), BureauId = bureau.Id, ScopePath = bureau.Path, Month = DefenceReturn.FirstOfMonth(month),
        ClosedAt = now, ClosedBy = by,
    };
}
