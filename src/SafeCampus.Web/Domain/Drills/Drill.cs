namespace SafeCampus.Web.Domain;

public enum DrillState
{
    Scheduled = 1,
    Submitted = 2,
    Accepted = 3,
    Returned = 4,
    Cancelled = 5,
}

/// <summary>An emergency drill (应急演练) of one school: planned, then filed (备案) with evidence, then reviewed.</summary>
public sealed class Drill : ITenantOwned, IAuditable
{
    public const int MaxEvacuationSeconds = 2 * 60 * 60;

    private Drill() { }

    public Guid Id { get; private set; }
    public Guid SchoolId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public Guid KindId { get; private set; }
    public DrillKind? Kind { get; private set; }
    public DateOnly Date { get; private set; }
    public TimeOnly? StartTime { get; private set; }
    public string Scenario { get; private set; } = "";
    public string? Location { get; private set; }
    public string Organiser { get; private set; } = "";
    public string? PlanText { get; private set; }
    public Guid? PlanFileId { get; private set; }
    public DrillState State { get; private set; }

    public int? StudentsParticipating { get; private set; }
    public int? StaffParticipating { get; private set; }

    /// <summary>Enrolment of the school on the day of filing, so the rate stays what it was.</summary>
    public int? StudentsEnrolled { get; private set; }
    public int? StaffEnrolled { get; private set; }
    public int? EvacuationSeconds { get; private set; }
    public string? Summary { get; private set; }
    public string? Improvements { get; private set; }
    public List<DrillFinding> Findings { get; private set; } = [];
    public List<DrillPhoto> Photos { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }
    public string? CreatedBy { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public string? SubmittedBy { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }
    public string? ReviewedBy { get; private set; }
    public string? ReviewComment { get; private set; }
    public uint Version { get; private set; }

    public static Drill Schedule(School school, DrillKind kind, DrillPlan plan, string? by, DateTimeOffset now)
    {
        if (kind.BoardingOnly && !school.IsBoarding)
        {
            throw new DomainException("Drills.KindBoardingOnly");
        }

        var drill = new Drill
        {
            Id = Guid.CreateVersion7(), SchoolId = school.Id, ScopePath = school.ScopePath, State = DrillState.Scheduled,
            CreatedAt = now, CreatedBy = by,
        };
        drill.Replan(kind, plan);
        return drill;
    }

    public void Replan(DrillKind kind, DrillPlan plan)
    {
        if (State is not (DrillState.Scheduled or DrillState.Returned))
        {
            throw new DomainException("Drills.NotEditable");
        }

        plan.Validate();
        KindId = kind.Id; // the id only: the kind belongs to a bureau above the school and is never written with it
        Date = plan.Date;
        StartTime = plan.StartTime;
        Scenario = plan.Scenario.Trim();
        Location = string.IsNullOrWhiteSpace(plan.Location) ? null : plan.Location.Trim();
        Organiser = plan.Organiser.Trim();
        PlanText = string.IsNullOrWhiteSpace(plan.PlanText) ? null : plan.PlanText.Trim();
        PlanFileId = plan.PlanFileId ?? PlanFileId;
    }

    /// <summary>Files the drill with the bureau (备案). Enrolment is the school's on the day of filing.</summary>
    public void File(DrillReport report, School school, DateOnly today, string? by, DateTimeOffset now)
    {
        if (State is not (DrillState.Scheduled or DrillState.Returned))
        {
            throw new DomainException("Drills.NotFileable");
        }

        if (Date > today)
        {
            throw new DomainException("Drills.DateInFuture");
        }

        if (report.Students < 0 || report.Staff < 0 || report.Students + report.Staff == 0)
        {
            throw new DomainException("Drills.ParticipantsInvalid");
        }

        if (report.Students > school.Students || report.Staff > school.Staff)
        {
            throw new DomainException("Drills.ParticipantsAboveEnrolment");
        }

        if (report.EvacuationSeconds is { } s && (s <= 0 || s > MaxEvacuationSeconds))
        {
            throw new DomainException("Drills.EvacuationTimeInvalid");
        }

        if (string.IsNullOrWhiteSpace(report.Summary))
        {
            throw new DomainException("Drills.SummaryRequired");
        }

        if (Photos.Count == 0)
        {
            throw new DomainException("Drills.PhotoRequired");
        }

        StudentsParticipating = report.Students;
        StaffParticipating = report.Staff;
        StudentsEnrolled = school.Students;
        StaffEnrolled = school.Staff;
        EvacuationSeconds = report.EvacuationSeconds;
        Summary = report.Summary.Trim();
        Improvements = string.IsNullOrWhiteSpace(report.Improvements) ? null : report.Improvements.Trim();
        Findings = report.Findings.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => new DrillFinding(f.Trim())).ToList();
        State = DrillState.Submitted;
        SubmittedAt = now;
        SubmittedBy = by;
        ReviewComment = null;
    }

    public void AddPhoto(StoredFile file)
    {
        if (State is not (DrillState.Scheduled or DrillState.Returned))
        {
            throw new DomainException("Drills.NotEditable");
        }

        if (!file.ContentType.StartsWith("image/", StringComparison.Ordinal) || file.ScopePath != ScopePath)
        {
            throw new DomainException("Drills.PhotoInvalid");
        }

        if (Photos.Count >= 12)
        {
            throw new DomainException("Drills.TooManyPhotos");
        }

        Photos.Add(new DrillPhoto(file.Id));
    }

    public void Accept(string by, string? comment, DateTimeOffset now)
    {
        if (State != DrillState.Submitted)
        {
            throw new DomainException("Drills.NotSubmitted");
        }

        State = DrillState.Accepted;
        ReviewedAt = now;
        ReviewedBy = by;
        ReviewComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
    }

    public void Return(string by, string comment, DateTimeOffset now)
    {
        if (State != DrillState.Submitted)
        {
            throw new DomainException("Drills.NotSubmitted");
        }

        if (string.IsNullOrWhiteSpace(comment))
        {
            throw new DomainException("Drills.ReturnNeedsComment");
        }

        State = DrillState.Returned;
        ReviewedAt = now;
        ReviewedBy = by;
        ReviewComment = comment.Trim();
    }

    public void Cancel()
    {
        if (State != DrillState.Scheduled)
        {
            throw new DomainException("Drills.NotEditable");
        }

        State = DrillState.Cancelled;
    }

    /// <summary>Participants ÷ (students + staff enrolled on the day of filing); null before filing.</summary>
    public decimal? ParticipationRate =>
        StudentsEnrolled + StaffEnrolled is > 0 and var enrolled
            ? Math.Round((decimal)((StudentsParticipating ?? 0) + (StaffParticipating ?? 0)) / enrolled, 4)
            : null;
}

public sealed record DrillPlan(DateOnly Date, TimeOnly? StartTime, string Scenario, string? Location, string Organiser, string? PlanText, Guid? PlanFileId = null)
{
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Scenario) || Scenario.Trim().Length > 200)
        {
            throw new DomainException("Drills.ScenarioInvalid");
        }

        if (string.IsNullOrWhiteSpace(Organiser) || Organiser.Trim().Length > 50)
        {
            throw new DomainException("Drills.OrganiserInvalid");
        }

        if (PlanText is { Length: > 8000 } || Location is { Length: > 100 })
        {
            throw new DomainException("Drills.TextTooLong");
        }
    }
}

public sealed record DrillReport(int Students, int Staff, int? EvacuationSeconds, string Summary, string? Improvements, IReadOnlyList<string> Findings);

/// <summary>A problem found during a drill; becomes a hazard once the hazard ledger exists.</summary>
public sealed record DrillFinding(string Text);

public sealed record DrillPhoto(Guid FileId);
