namespace SafeCampus.Web.Domain;

/// <summary>A numbered rectification notice (整改通知书), e.g. 青教安整〔2026〕12号, issued to one school after an inspection.</summary>
public sealed class RectificationNotice : ITenantOwned, IAuditable
{
    private RectificationNotice() { }

    public Guid Id { get; private set; }
    public Guid SchoolId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public Guid BureauId { get; private set; }
    public Guid InspectionId { get; private set; }
    public int Year { get; private set; }
    public int Sequence { get; private set; }
    public string Number { get; private set; } = "";
    public DateOnly IssuedOn { get; private set; }
    public DateOnly Deadline { get; private set; }
    public string IssuedBy { get; private set; } = "";
    public DateTimeOffset IssuedAt { get; private set; }

    public static RectificationNotice Issue(Inspection inspection, string prefix, int year, int sequence, DateOnly deadline, HazardActor by, DateTimeOffset now, DateOnly today)
    {
        if (!by.IsBureau)
        {
            throw new DomainException("Hazards.BureauOnly");
        }

        if (deadline < today || deadline < inspection.Date)
        {
            throw new DomainException("Hazards.DeadlineBeforeFinding");
        }

        return new RectificationNotice
        {
            Id = Guid.CreateVersion7(), SchoolId = inspection.SchoolId, ScopePath = inspection.ScopePath, BureauId = inspection.BureauId,
            InspectionId = inspection.Id, Year = year, Sequence = sequence, Number = FormatNumber(prefix, year, sequence),
            IssuedOn = today, Deadline = deadline, IssuedBy = by.Name, IssuedAt = now,
        };
    }

    public static string FormatNumber(string prefix, int year, int sequence) => $"{prefix}〔{year}〕{sequence}号";
}
