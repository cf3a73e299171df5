namespace SafeCampus.Web.Domain;

/// <summary>What a lesson's form gives: one record per class is made from it (a whole grade at once).</summary>
public sealed record LessonEntry(DateOnly Date, string Topic, string Teacher, int Minutes);

/// <summary>A safety lesson (安全课 / 生命安全教育课) held by one class on one day.</summary>
public sealed class Lesson : ITenantOwned, IAuditable
{
    private Lesson() { }

    public Guid Id { get; private set; }
    public Guid SchoolId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public Guid ClassId { get; private set; }
    public DateOnly Date { get; private set; }
    public string Topic { get; private set; } = "";
    public string Teacher { get; private set; } = "";
    public int Minutes { get; private set; }

    /// <summary>Lessons recorded together (a grade at once) share the batch and its photos.</summary>
    public Guid BatchId { get; private set; }
    public List<Guid> PhotoIds { get; private set; } = [];
    public string? RecordedBy { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>Checks the entry against the class's term and today; the caller has checked the class is the school's.</summary>
    public static Lesson Record(SchoolClass cls, LessonEntry entry, Term term, DateOnly today, Guid batchId, IReadOnlyList<Guid> photoIds, string? by, DateTimeOffset now)
    {
        Validate(entry, term, today);
        if (!cls.IsActive)
        {
            throw new DomainException("Education.ClassUnknown");
        }

        return new Lesson
        {
            Id = Guid.CreateVersion7(), SchoolId = cls.SchoolId, ScopePath = cls.ScopePath, ClassId = cls.Id, Date = entry.Date,
            Topic = entry.Topic.Trim(), Teacher = entry.Teacher.Trim(), Minutes = entry.Minutes, BatchId = batchId, PhotoIds = [.. photoIds],
            RecordedBy = by, RecordedAt = now,
        };
    }

    public static void Validate(LessonEntry entry, Term term, DateOnly today)
    {
        if (entry.Date > today)
        {
            throw new DomainException("Education.LessonInFuture");
        }

        if (!term.Contains(entry.Date))
        {
            throw new DomainException("Education.LessonOutsideTerm");
        }

        if (string.IsNullOrWhiteSpace(entry.Topic) || entry.Topic.Trim().Length > 60)
        {
            throw new DomainException("Education.TopicInvalid");
        }

        if (string.IsNullOrWhiteSpace(entry.Teacher) || entry.Teacher.Trim().Length > 30)
        {
            throw new DomainException("Education.TeacherInvalid");
        }

        if (entry.Minutes is < 10 or > 240)
        {
            throw new DomainException("Education.MinutesInvalid");
        }
    }
}
