namespace SafeCampus.Web.Domain;

public enum DutyShiftKind
{
    Day = 1,
    Night = 2,
}

/// <summary>One line of a roster: the day, day or night duty (值班/值宿), who is on duty, their phone, the leader on duty (领导带班).</summary>
public sealed record DutyShift(int Id, DateOnly Date, DutyShiftKind Kind, string Person, string? Phone, string? Leader);

public sealed record DutyShiftLine(DateOnly Date, DutyShiftKind Kind, string Person, string? Phone, string? Leader);

/// <summary>
/// A duty roster (值班表) a school or a bureau publishes for a holiday or a stretch of nights: one line per day and
/// kind of duty. Published once; a change is a new roster.
/// </summary>
public sealed class DutyRoster : ITenantOwned, IAuditable
{
    public const int MaxDays = 62;

    private DutyRoster() { }

    public Guid Id { get; private set; }
    public Guid? SchoolId { get; private set; }
    public Guid BureauId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public string Title { get; private set; } = "";
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public DateTimeOffset PublishedAt { get; private set; }
    public string PublishedBy { get; private set; } = "";
    public List<DutyShift> Shifts { get; private set; } = [];

    /// <summary>A school's roster (school null: the bureau's own), by the school's leads or the bureau's staff.</summary>
    public static DutyRoster Publish(School? school, Bureau bureau, string title, DateOnly from, DateOnly to, IReadOnlyList<DutyShiftLine> lines,
        EmergencyActor by, DateTimeOffset now, DateOnly today)
    {
        var allowed = school is null ? by.IsBureau && by.BureauId == bureau.Id : by.IsSchoolLead(school.Id) && school.BureauId == bureau.Id;
        if (!allowed)
        {
            throw new DomainException("Emergency.NotAllowed");
        }

        if (to < from || to.DayNumber - from.DayNumber >= MaxDays || to < today)
        {
            throw new DomainException("Emergency.DutyPeriodInvalid");
        }

        if (lines.Count == 0 || lines.Any(l => l.Date < from || l.Date > to || !Enum.IsDefined(l.Kind))
            || lines.GroupBy(l => (l.Date, l.Kind)).Any(g => g.Count() > 1))
        {
            throw new DomainException("Emergency.DutyLinesInvalid");
        }

        return new DutyRoster
        {
            Id = Guid.CreateVersion7(), SchoolId = school?.Id, BureauId = bureau.Id, ScopePath = school?.ScopePath ?? bureau.Path,
            Title = EmergencyRules.Required(title, 60), From = from, To = to, PublishedAt = now, PublishedBy = by.Name,
            Shifts = lines.OrderBy(l => l.Date).ThenBy(l => l.Kind)
                .Select(l => new DutyShift(0, l.Date, l.Kind, EmergencyRules.Required(l.Person, 50), EmergencyRules.Optional(l.Phone, 30), EmergencyRules.Optional(l.Leader, 50)))
                .ToList(),
        };
    }

    /// <summary>Whether the unit of the roster is the actor's own: their school, or their bureau for a bureau's roster.</summary>
    public bool IsOwnUnit(EmergencyActor by) => SchoolId is { } s ? by.SchoolId == s : by.IsBureau && by.BureauId == BureauId;
}

/// <summary>The daily duty log (值班记录) of one roster's day: rounds, events, or simply 一切正常. One per roster and day.</summary>
public sealed class DutyLog : ITenantOwned, IAuditable
{
    public const int DaysBack = 7;

    private DutyLog() { }

    public Guid Id { get; private set; }
    public Guid RosterId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public DateOnly Date { get; private set; }
    public bool AllNormal { get; private set; }
    public string? Rounds { get; private set; }
    public string? Events { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public string RecordedBy { get; private set; } = "";

    /// <summary>
    /// Whoever of the unit is on duty records the day: only a day of the roster that has a shift, today or up to a week
    /// back, and only for the actor's own school (or bureau).
    /// </summary>
    public static DutyLog Record(DutyRoster roster, DateOnly date, bool allNormal, string? rounds, string? events, EmergencyActor by, DateTimeOffset now, DateOnly today)
    {
        if (!roster.IsOwnUnit(by))
        {
            throw new DomainException("Emergency.DutyNotOwnDay");
        }

        if (date > today || date < today.AddDays(-DaysBack) || roster.Shifts.All(s => s.Date != date))
        {
            throw new DomainException("Emergency.DutyDateInvalid");
        }

        var r = EmergencyRules.Optional(rounds, 1000);
        var e = EmergencyRules.Optional(events, 1000);
        if (!allNormal && e is null)
        {
            throw new DomainException("Emergency.DutyEventsRequired");
        }

        return new DutyLog
        {
            Id = Guid.CreateVersion7(), RosterId = roster.Id, ScopePath = roster.ScopePath, Date = date, AllNormal = allNormal, Rounds = r, Events = e,
            RecordedAt = now, RecordedBy = by.Name,
        };
    }
}
