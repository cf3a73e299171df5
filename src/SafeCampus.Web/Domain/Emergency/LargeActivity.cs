namespace SafeCampus.Web.Domain;

public enum ActivityState
{
    Submitted = 1,
    Approved = 2,
    Returned = 3,
    Done = 4,
}

/// <summary>What a school applies for: an activity off campus or with many pupils (春游, 社会实践, 研学).</summary>
public sealed record ActivityApplication(
    string Title, DateOnly Date, string Place, int Pupils, int Staff, string Transport, string? Vehicle, string? Driver, string Insurance, int ParentConsents);

/// <summary>
/// A large activity (大型活动) that needs the bureau's approval before pupils travel, with its safety plan document:
/// submitted by the school's lead, approved or returned with a reason by the county before the date, marked done with
/// a short summary after it — only once approved.
/// </summary>
public sealed class LargeActivity : ITenantOwned, IAuditable
{
    public const int MaxPeople = 20_000;

    private LargeActivity() { }

    public Guid Id { get; private set; }
    public Guid SchoolId { get; private set; }
    public Guid BureauId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public string Title { get; private set; } = "";
    public DateOnly Date { get; private set; }
    public string Place { get; private set; } = "";
    public int Pupils { get; private set; }
    public int Staff { get; private set; }
    public string Transport { get; private set; } = "";
    public string? Vehicle { get; private set; }
    public string? Driver { get; private set; }
    public string Insurance { get; private set; } = "";
    public int ParentConsents { get; private set; }
    public Guid SafetyPlanFileId { get; private set; }
    public string SafetyPlanFileName { get; private set; } = "";
    public ActivityState State { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }
    public string SubmittedBy { get; private set; } = "";
    public DateTimeOffset? ReviewedAt { get; private set; }
    public string? ReviewedBy { get; private set; }
    public string? ReviewComment { get; private set; }
    public DateTimeOffset? DoneAt { get; private set; }
    public string? Summary { get; private set; }
    public uint Version { get; private set; }

    public static LargeActivity Apply(School school, ActivityApplication a, StoredFile safetyPlan, EmergencyActor by, DateTimeOffset now, DateOnly today)
    {
        if (!by.IsSchoolLead(school.Id))
        {
            throw new DomainException("Emergency.NotAllowed");
        }

        if (a.Date <= today || a.Date > today.AddYears(1))
        {
            throw new DomainException("Emergency.ActivityDateInvalid");
        }

        if (a.Pupils is < 0 or > MaxPeople || a.Staff is < 1 or > MaxPeople || a.ParentConsents < 0 || a.ParentConsents > a.Pupils)
        {
            throw new DomainException("Emergency.ActivityPeopleInvalid");
        }

        if (safetyPlan.ScopePath != school.ScopePath)
        {
            throw new DomainException("Emergency.ActivityPlanRequired");
        }

        return new LargeActivity
        {
            Id = Guid.CreateVersion7(), SchoolId = school.Id, BureauId = school.BureauId, ScopePath = school.ScopePath,
            Title = EmergencyRules.Required(a.Title, 60), Date = a.Date, Place = EmergencyRules.Required(a.Place, 100), Pupils = a.Pupils, Staff = a.Staff,
            Transport = EmergencyRules.Required(a.Transport, 200), Vehicle = EmergencyRules.Optional(a.Vehicle, 100), Driver = EmergencyRules.Optional(a.Driver, 100),
            Insurance = EmergencyRules.Required(a.Insurance, 200), ParentConsents = a.ParentConsents,
            SafetyPlanFileId = safetyPlan.Id, SafetyPlanFileName = safetyPlan.FileName, State = ActivityState.Submitted, SubmittedAt = now, SubmittedBy = by.Name,
        };
    }

    /// <summary>The bureau approves (审批同意) or returns with a reason (退回), before the activity's date.</summary>
    public void Review(bool approve, string? comment, EmergencyActor by, DateTimeOffset now, DateOnly today)
    {
        if (!by.IsBureau)
        {
            throw new DomainException("Emergency.BureauOnly");
        }

        if (State != ActivityState.Submitted)
        {
            throw new DomainException("Emergency.ActivityNotSubmitted");
        }

        if (today >= Date)
        {
            throw new DomainException("Emergency.ActivityReviewTooLate");
        }

        ReviewComment = approve ? EmergencyRules.Optional(comment, 500) : EmergencyRules.Required(comment, 500);
        State = approve ? ActivityState.Approved : ActivityState.Returned;
        ReviewedAt = now;
        ReviewedBy = by.Name;
    }

    /// <summary>After the activity, the school files a short summary (活动总结); only an approved activity can be done.</summary>
    public void MarkDone(string summary, EmergencyActor by, DateTimeOffset now, DateOnly today)
    {
        if (!by.IsSchoolLead(SchoolId))
        {
            throw new DomainException("Emergency.NotAllowed");
        }

        if (State != ActivityState.Approved)
        {
            throw new DomainException("Emergency.ActivityNotApproved");
        }

        if (today < Date)
        {
            throw new DomainException("Emergency.ActivityNotYet");
        }

        Summary = EmergencyRules.Required(summary, 1000);
        State = ActivityState.Done;
        DoneAt = now;
    }
}
