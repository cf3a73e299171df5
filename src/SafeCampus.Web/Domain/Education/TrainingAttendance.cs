namespace SafeCampus.Web.Domain;

public enum AttendanceMethod
{
    /// <summary>Ticked on the organiser's list (按名单).</summary>
    List = 1,

    /// <summary>The person checked in through the session's link (自助签到).</summary>
    SelfCheckIn = 2,
}

/// <summary>One person's attendance at a training session (培训签到), at most once (unique index); kept at the person's school.</summary>
public sealed class TrainingAttendance : ITenantOwned, IAuditable
{
    private TrainingAttendance() { }

    public Guid Id { get; private set; }
    public Guid SessionId { get; private set; }
    public Guid PersonId { get; private set; }
    public Guid SchoolId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public DateOnly Date { get; private set; }
    public AttendanceMethod Method { get; private set; }
    public string? CertificateNo { get; private set; }
    public string? RecordedBy { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public string? Ip { get; private set; }

    public static TrainingAttendance Record(TrainingSession session, SafetyPerson person, AttendanceMethod method, string? certificateNo, string? by, string? ip, DateTimeOffset now)
    {
        if (!person.IsActive || !person.ScopePath.StartsWith(session.ScopePath, StringComparison.Ordinal) || !session.IsFor(person.Role))
        {
            throw new DomainException("Education.NotInAudience");
        }

        return new TrainingAttendance
        {
            Id = Guid.CreateVersion7(), SessionId = session.Id, PersonId = person.Id, SchoolId = person.SchoolId, ScopePath = person.ScopePath,
            Date = session.Date, Method = method, CertificateNo = certificateNo, RecordedBy = by, RecordedAt = now, Ip = ip is { Length: > 64 } ? ip[..64] : ip,
        };
    }
}
