namespace SafeCampus.Web.Domain;

/// <summary>A kind of emergency drill (演练类型), kept by a bureau for the schools below it.</summary>
public sealed class DrillKind : ITenantOwned, IAuditable
{
    private DrillKind() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }
    public string ScopePath { get; private set; } = "";

    /// <summary>Stable code of a seeded kind (fire, earthquake, …) or "custom".</summary>
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";

    /// <summary>Only boarding schools hold it (e.g. night evacuation 夜间疏散).</summary>
    public bool BoardingOnly { get; private set; }
    public int SortOrder { get; private set; }
    public bool IsActive { get; private set; } = true;

    public static DrillKind Create(Bureau bureau, string code, string name, bool boardingOnly, int sortOrder)
    {
        var kind = new DrillKind { Id = Guid.CreateVersion7(), BureauId = bureau.Id, ScopePath = bureau.Path, Code = code.Trim(), SortOrder = sortOrder };
        kind.Update(name, boardingOnly, isActive: true);
        return kind;
    }

    public void Update(string name, bool boardingOnly, bool isActive)
    {
        Name = string.IsNullOrWhiteSpace(name) || name.Trim().Length > 30 ? throw new DomainException("Drills.KindNameInvalid") : name.Trim();
        BoardingOnly = boardingOnly;
        IsActive = isActive;
    }
}

public enum DrillPeriod
{
    Month = 1,
    Quarter = 2,
    Semester = 3,
    Year = 4,
}

public enum DrillAudience
{
    AllSchools = 1,
    Kindergartens = 2,
    SchoolsExceptKindergartens = 3,
    Boarding = 4,
}

/// <summary>
/// A requirement (演练要求) a bureau sets: schools of an audience hold at least <see cref="MinCount"/> drills (of one
/// kind, or of any kind) in every period. Monthly rules count only the months in <see cref="MonthsMask"/> (term time).
/// </summary>
public sealed class DrillRule : ITenantOwned, IAuditable
{
    /// <summary>March–June and September–December: months in term for a monthly rule.</summary>
    public const int TermMonths = (1 << 3) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 9) | (1 << 10) | (1 << 11) | (1 << 12);
    public const int AllMonths = 0b1_1111_1111_1110;

    private DrillRule() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public DrillAudience Audience { get; private set; }
    public DrillPeriod Period { get; private set; }
    public Guid? KindId { get; private set; }
    public int MinCount { get; private set; }
    public int MonthsMask { get; private set; } = AllMonths;
    public int ReminderDaysBefore { get; private set; } = 7;
    public bool IsActive { get; private set; } = true;

    public static DrillRule Create(Bureau bureau, DrillAudience audience, DrillPeriod period, DrillKind? kind, int minCount, int monthsMask = AllMonths, int reminderDaysBefore = 7)
    {
        var rule = new DrillRule { Id = Guid.CreateVersion7(), BureauId = bureau.Id, ScopePath = bureau.Path };
        rule.Update(audience, period, kind, minCount, monthsMask, reminderDaysBefore, isActive: true);
        return rule;
    }

    public void Update(DrillAudience audience, DrillPeriod period, DrillKind? kind, int minCount, int monthsMask, int reminderDaysBefore, bool isActive)
    {
        if (!Enum.IsDefined(audience) || !Enum.IsDefined(period))
        {
            throw new DomainException("Drills.RuleInvalid");
        }

        if (minCount is < 1 or > 24)
        {
            throw new DomainException("Drills.RuleCountInvalid");
        }

        if (reminderDaysBefore is < 0 or > 60 || (monthsMask & AllMonths) == 0)
        {
            throw new DomainException("Drills.RuleInvalid");
        }

        Audience = audience;
        Period = period;
        KindId = kind?.Id;
        MinCount = minCount;
        MonthsMask = monthsMask & AllMonths;
        ReminderDaysBefore = reminderDaysBefore;
        IsActive = isActive;
    }

    public bool AppliesTo(SchoolKind kind, bool boarding) => Audience switch
    {
        DrillAudience.AllSchools => true,
        DrillAudience.Kindergartens => kind == SchoolKind.Kindergarten,
        DrillAudience.SchoolsExceptKindergartens => kind != SchoolKind.Kindergarten,
        DrillAudience.Boarding => boarding,
        _ => false,
    };

    public bool CountsMonth(int month) => Period != DrillPeriod.Month || (MonthsMask & (1 << month)) != 0;
}

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
