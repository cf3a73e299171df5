namespace SafeCampus.Web.Domain;

/// <summary>Who a training session is for: a set of <see cref="SafetyRole"/>s.</summary>
[Flags]
public enum TrainingAudience
{
    None = 0,
    Leader = 1 << SafetyRole.Leader,
    Director = 1 << SafetyRole.Director,
    Guard = 1 << SafetyRole.Guard,
    BusDriver = 1 << SafetyRole.BusDriver,
    BusEscort = 1 << SafetyRole.BusEscort,
    Administrator = 1 << SafetyRole.Administrator,
    All = Leader | Director | Guard | BusDriver | BusEscort | Administrator,
}

/// <summary>What a training session's form gives.</summary>
public sealed record TrainingSpec(string Topic, DateOnly Date, decimal Hours, string Trainer, TrainingAudience Audience, bool Certificates);

/// <summary>
/// A training session (安全培训) run by a bureau (for its schools' people) or by a school (for its own). Attendance is
/// recorded by list or by the people themselves through the session's check-in link (签到链接/二维码): an unguessable
/// token of which only the SHA-256 is kept for lookup (and the token encrypted, to show the link again), open until
/// the organiser closes it or the day after the session ends.
/// </summary>
public sealed class TrainingSession : ITenantOwned, IAuditable
{
    private TrainingSession() { }

    public Guid Id { get; private set; }
    public string ScopePath { get; private set; } = "";
    public Guid? BureauId { get; private set; }
    public Guid? SchoolId { get; private set; }
    public string OrganiserName { get; private set; } = "";
    public string Topic { get; private set; } = "";
    public DateOnly Date { get; private set; }
    public decimal Hours { get; private set; }
    public string Trainer { get; private set; } = "";
    public TrainingAudience Audience { get; private set; }
    public bool Certificates { get; private set; }
    public byte[] CheckInTokenHash { get; private set; } = [];
    public string CheckInTokenProtected { get; private set; } = "";
    public DateTimeOffset CheckInUntil { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static TrainingSession ForBureau(Bureau bureau, TrainingSpec spec, byte[] tokenHash, string tokenProtected, DateTimeOffset checkInUntil, DateOnly today, string? by, DateTimeOffset now) =>
        Create(bureau.Path, bureau.Id, null, bureau.Name, spec, tokenHash, tokenProtected, checkInUntil, today, by, now);

    public static TrainingSession ForSchool(School school, TrainingSpec spec, byte[] tokenHash, string tokenProtected, DateTimeOffset checkInUntil, DateOnly today, string? by, DateTimeOffset now) =>
        Create(school.ScopePath, null, school.Id, school.Name, spec, tokenHash, tokenProtected, checkInUntil, today, by, now);

    private static TrainingSession Create(string path, Guid? bureauId, Guid? schoolId, string organiser, TrainingSpec spec, byte[] hash, string protectedToken,
        DateTimeOffset until, DateOnly today, string? by, DateTimeOffset now)
    {
        Validate(spec, today);
        return new TrainingSession
        {
            Id = Guid.CreateVersion7(), ScopePath = path, BureauId = bureauId, SchoolId = schoolId, OrganiserName = organiser, Topic = spec.Topic.Trim(),
            Date = spec.Date, Hours = spec.Hours, Trainer = spec.Trainer.Trim(), Audience = spec.Audience, Certificates = spec.Certificates,
            CheckInTokenHash = hash, CheckInTokenProtected = protectedToken, CheckInUntil = until, CreatedBy = by, CreatedAt = now,
        };
    }

    public static void Validate(TrainingSpec spec, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(spec.Topic) || spec.Topic.Trim().Length > 100)
        {
            throw new DomainException("Education.TrainingTopicInvalid");
        }

        if (spec.Date < today.AddYears(-1) || spec.Date > today.AddYears(1))
        {
            throw new DomainException("Education.TrainingDateInvalid");
        }

        if (spec.Hours is < 0.5m or > 100m || decimal.Round(spec.Hours, 1) != spec.Hours)
        {
            throw new DomainException("Education.TrainingHoursInvalid");
        }

        if (string.IsNullOrWhiteSpace(spec.Trainer) || spec.Trainer.Trim().Length > 50)
        {
            throw new DomainException("Education.TrainerInvalid");
        }

        if ((spec.Audience & TrainingAudience.All) == 0 || (spec.Audience & ~TrainingAudience.All) != 0)
        {
            throw new DomainException("Education.AudienceInvalid");
        }
    }

    public bool IsFor(SafetyRole role) => (Audience & (TrainingAudience)(1 << (int)role)) != 0;

    public bool IsCheckInOpen(DateTimeOffset now) => ClosedAt is null && now < CheckInUntil;

    public void CloseCheckIn(DateTimeOffset now)
    {
        if (ClosedAt is not null)
        {
            throw new DomainException("Education.CheckInClosed");
        }

        ClosedAt = now;
    }
}
