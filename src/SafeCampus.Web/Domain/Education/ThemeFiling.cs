namespace SafeCampus.Web.Domain;

/// <summary>What a school's filing form gives.</summary>
public sealed record ThemeReport(DateOnly Date, int Participants, string Summary);

/// <summary>A school's filing (活动填报) for a theme activity: when, how many took part, a short summary, photos. Once per school.</summary>
public sealed class ThemeFiling : ITenantOwned, IAuditable
{
    public const int MaxPhotos = 6;

    private ThemeFiling() { }

    public Guid Id { get; private set; }
    public Guid ActivityId { get; private set; }
    public Guid SchoolId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public DateOnly Date { get; private set; }
    public int Participants { get; private set; }
    public string Summary { get; private set; } = "";
    public List<Guid> PhotoIds { get; private set; } = [];
    public string? FiledBy { get; private set; }
    public DateTimeOffset FiledAt { get; private set; }

    public static ThemeFiling File(ThemeActivity activity, School school, ThemeReport report, IReadOnlyList<Guid> photoIds, DateOnly today, string? by, DateTimeOffset now)
    {
        if (!school.ScopePath.StartsWith(activity.ScopePath, StringComparison.Ordinal))
        {
            throw new DomainException("Education.ThemeUnknown");
        }

        if (report.Date > today || report.Date < activity.StartDate.AddDays(-30))
        {
            throw new DomainException("Education.ThemeDateInvalid");
        }

        if (report.Participants is < 1 or > 100_000)
        {
            throw new DomainException("Education.ParticipantsInvalid");
        }

        if (string.IsNullOrWhiteSpace(report.Summary) || report.Summary.Trim().Length > 2000)
        {
            throw new DomainException("Education.SummaryInvalid");
        }

        if (photoIds.Count > MaxPhotos)
        {
            throw new DomainException("Drills.TooManyPhotos");
        }

        return new ThemeFiling
        {
            Id = Guid.CreateVersion7(), ActivityId = activity.Id, SchoolId = school.Id, ScopePath = school.ScopePath, Date = report.Date,
            Participants = report.Participants, Summary = report.Summary.Trim(), PhotoIds = [.. photoIds], FiledBy = by, FiledAt = now,
        };
    }

    public bool IsLate(ThemeActivity activity) => DateOnly.FromDateTime(FiledAt.ToOffset(TimeSpan.FromHours(8)).DateTime) > activity.Deadline;
}
