namespace SafeCampus.Web.Domain;

public enum HazardSource
{
    SelfCheck = 1,
    BureauInspection = 2,
    Campaign = 3,
    CrossSchool = 4,
    Report = 5,
    Drill = 6,
}

public enum HazardGrade
{
    General = 1,
    Major = 2,
}

public enum HazardState
{
    Reported = 1,
    Planned = 2,
    Rectified = 3,
    Accepted = 4,
    Returned = 5,
}

public enum HazardAction
{
    Reported = 1,
    Planned = 2,
    Rectified = 3,
    Accepted = 4,
    Returned = 5,
    Escalated = 6,
    Supervised = 7,
    NoticeIssued = 8,
}

/// <summary>Who acts: the signed-in user, their role and school (null for bureau staff).</summary>
public sealed record HazardActor(string? UserId, string Name, UserRole Role, Guid? SchoolId)
{
    public bool IsBureau => Role.IsBureauRole();
}

public sealed record HazardReport(string Place, string Description, string Area, HazardGrade Grade, DateOnly FoundOn, string FoundBy);

public sealed record HazardPlan(string ResponsiblePerson, DateOnly Deadline, string Measures, decimal? FundingNeeded, decimal? FundingSecured);

/// <summary>One step of a hazard's history (who, when, what, comment).</summary>
public sealed record HazardStep(int Id, DateTimeOffset At, HazardAction Action, string? ByUserId, string ByName, string? Comment);

public sealed record HazardPhoto(Guid FileId, bool IsEvidence);

/// <summary>
/// A hazard in the ledger (隐患台账): found, planned, rectified with evidence, then accepted (验收销号) or returned. A
/// general hazard a school found is accepted by its principal; a major one, or one a bureau found, by the bureau. The
/// one who signs off is recorded (谁检查、谁签字、谁负责). A school escalates (上报) what it cannot fix; the bureau
/// supervises (督办) escalated and major hazards.
/// </summary>
public sealed class Hazard : ITenantOwned, IAuditable
{
    public const int MaxPhotos = 12;
    public const decimal MaxFunding = 100_000_000m;

    private Hazard() { }

    public Guid Id { get; private set; }
    public Guid SchoolId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public string Place { get; private set; } = "";
    public string Description { get; private set; } = "";
    public string Area { get; private set; } = "";
    public HazardSource Source { get; private set; }
    public HazardGrade Grade { get; private set; }
    public DateOnly FoundOn { get; private set; }
    public string FoundBy { get; private set; } = "";
    public Guid? SelfCheckId { get; private set; }
    public Guid? InspectionId { get; private set; }
    public Guid? CampaignId { get; private set; }
    public Guid? NoticeId { get; private set; }
    public HazardState State { get; private set; }

    public string? ResponsiblePerson { get; private set; }
    public DateOnly? Deadline { get; private set; }
    public string? Measures { get; private set; }
    public decimal? FundingNeeded { get; private set; }
    public decimal? FundingSecured { get; private set; }

    public string? RectificationText { get; private set; }
    public DateTimeOffset? RectifiedAt { get; private set; }

    public string? AcceptedByUserId { get; private set; }
    public string? AcceptedBy { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public DateOnly? ClosedOn { get; private set; }

    public DateTimeOffset? EscalatedAt { get; private set; }
    public string? EscalationReason { get; private set; }
    public decimal? EscalationFunding { get; private set; }
    public string? SupervisionText { get; private set; }
    public DateOnly? SupervisionDeadline { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public uint Version { get; private set; }
    public List<HazardStep> Steps { get; private set; } = [];
    public List<HazardPhoto> Photos { get; private set; } = [];

    /// <summary>Major hazards and those a bureau found are accepted by the bureau; the others by the principal.</summary>
    public bool NeedsBureauAcceptance => Grade == HazardGrade.Major || Source is HazardSource.BureauInspection or HazardSource.Campaign;

    public bool IsOpen => State != HazardState.Accepted;

    public bool IsOverdue(DateOnly today) => State is HazardState.Planned or HazardState.Returned && Deadline < today;

    public static Hazard Report(School school, HazardReport report, HazardSource source, HazardActor by, DateTimeOffset now, DateOnly today,
        Guid? selfCheckId = null, Guid? inspectionId = null, Guid? campaignId = null)
    {
        if (!by.IsBureau && by.SchoolId != school.Id)
        {
            throw new DomainException("Hazards.NotAllowed");
        }

        if (source == HazardSource.CrossSchool || (source == HazardSource.Campaign) != (campaignId is not null))
        {
            throw new DomainException("Hazards.ReportInvalid");
        }

        return Create(school, report, source, by, now, today, selfCheckId, inspectionId, campaignId);
    }

    /// <summary>
    /// A finding of a cross-school inspection: the inspecting school's lead reports a hazard of the school it was
    /// assigned to inspect, under the inspection recorded for that assignment, while the assignment is open.
    /// </summary>
    public static Hazard ReportCrossSchool(School target, CrossInspectionAssignment assignment, Inspection inspection, HazardReport report,
        HazardActor by, DateTimeOffset now, DateOnly today)
    {
        assignment.RequireInspector(by);
        assignment.RequireOpen(today);
        if (target.Id != assignment.TargetSchoolId || inspection.Id != assignment.InspectionId || inspection.SchoolId != target.Id)
        {
            throw new DomainException("Hazards.NotAssigned");
        }

        return Create(target, report, HazardSource.CrossSchool, by, now, today, null, inspection.Id, null);
    }

    private static Hazard Create(School school, HazardReport report, HazardSource source, HazardActor by, DateTimeOffset now, DateOnly today,
        Guid? selfCheckId, Guid? inspectionId, Guid? campaignId)
    {
        if (!Enum.IsDefined(source) || !Enum.IsDefined(report.Grade))
        {
            throw new DomainException("Hazards.ReportInvalid");
        }

        if (report.FoundOn > today || report.FoundOn < today.AddYears(-1))
        {
            throw new DomainException("Hazards.FoundOnInvalid");
        }

        var hazard = new Hazard
        {
            Id = Guid.CreateVersion7(), SchoolId = school.Id, ScopePath = school.ScopePath, Source = source, Grade = report.Grade,
            Place = Text(report.Place, 100, "Hazards.PlaceRequired"),
            Description = Text(report.Description, 1000, "Hazards.DescriptionRequired"),
            Area = Text(report.Area, 30, "Hazards.AreaRequired"),
            FoundBy = Text(report.FoundBy, 50, "Hazards.FoundByRequired"),
            FoundOn = report.FoundOn, State = HazardState.Reported, SelfCheckId = selfCheckId, InspectionId = inspectionId, CampaignId = campaignId,
            CreatedAt = now,
        };
        hazard.Log(HazardAction.Reported, by, now, null);
        return hazard;
    }

    public void Plan(HazardPlan plan, HazardActor by, DateTimeOffset now)
    {
        RequireSchoolLead(by);
        if (State is not (HazardState.Reported or HazardState.Planned or HazardState.Returned))
        {
            throw new DomainException("Hazards.StepOutOfOrder");
        }

        if (plan.Deadline < FoundOn)
        {
            throw new DomainException("Hazards.DeadlineBeforeFinding");
        }

        if (plan.FundingNeeded is < 0 or > MaxFunding || plan.FundingSecured is < 0 or > MaxFunding)
        {
            throw new DomainException("Hazards.FundingInvalid");
        }

        ResponsiblePerson = Text(plan.ResponsiblePerson, 50, "Hazards.ResponsibleRequired");
        Measures = Text(plan.Measures, 2000, "Hazards.MeasuresRequired");
        Deadline = plan.Deadline;
        FundingNeeded = plan.FundingNeeded;
        FundingSecured = plan.FundingSecured;
        if (State == HazardState.Reported)
        {
            State = HazardState.Planned;
        }

        Log(HazardAction.Planned, by, now, $"{ResponsiblePerson} · {Deadline:yyyy-MM-dd} · {Measures}");
    }

    public void AddPhoto(StoredFile file, bool evidence)
    {
        if (State == HazardState.Accepted || (evidence && State is not (HazardState.Planned or HazardState.Returned)))
        {
            throw new DomainException("Hazards.StepOutOfOrder");
        }

        if (!file.ContentType.StartsWith("image/", StringComparison.Ordinal) || file.ScopePath != ScopePath)
        {
            throw new DomainException("Hazards.PhotoInvalid");
        }

        if (Photos.Count(p => p.IsEvidence == evidence) >= MaxPhotos)
        {
            throw new DomainException("Hazards.TooManyPhotos");
        }

        Photos.Add(new HazardPhoto(file.Id, evidence));
    }

    public void Rectify(string description, HazardActor by, DateTimeOffset now)
    {
        RequireSchoolLead(by);
        if (State is not (HazardState.Planned or HazardState.Returned))
        {
            throw new DomainException("Hazards.StepOutOfOrder");
        }

        if (!Photos.Any(p => p.IsEvidence) || string.IsNullOrWhiteSpace(description))
        {
            throw new DomainException("Hazards.EvidenceRequired");
        }

        RectificationText = Text(description, 2000, "Hazards.EvidenceRequired");
        RectifiedAt = now;
        State = HazardState.Rectified;
        Log(HazardAction.Rectified, by, now, RectificationText);
    }

    public void Accept(HazardActor by, string? comment, DateTimeOffset now, DateOnly today)
    {
        RequireSignOff(by);
        if (State != HazardState.Rectified)
        {
            throw new DomainException("Hazards.NotRectified");
        }

        if (!Photos.Any(p => p.IsEvidence))
        {
            throw new DomainException("Hazards.EvidenceRequired");
        }

        State = HazardState.Accepted;
        AcceptedByUserId = by.UserId;
        AcceptedBy = by.Name;
        AcceptedAt = now;
        ClosedOn = today;
        Log(HazardAction.Accepted, by, now, Optional(comment, 1000));
    }

    public void Return(HazardActor by, string comment, DateTimeOffset now)
    {
        RequireSignOff(by);
        if (State != HazardState.Rectified)
        {
            throw new DomainException("Hazards.NotRectified");
        }

        var text = Text(comment, 1000, "Hazards.ReturnNeedsComment");
        State = HazardState.Returned;
        Log(HazardAction.Returned, by, now, text);
    }

    public void Escalate(string reason, decimal? funding, HazardActor by, DateTimeOffset now)
    {
        RequireSchoolLead(by);
        if (!IsOpen)
        {
            throw new DomainException("Hazards.StepOutOfOrder");
        }

        if (EscalatedAt is not null)
        {
            throw new DomainException("Hazards.AlreadyEscalated");
        }

        if (funding is < 0 or > MaxFunding)
        {
            throw new DomainException("Hazards.FundingInvalid");
        }

        EscalationReason = Text(reason, 1000, "Hazards.EscalationNeedsReason");
        EscalationFunding = funding;
        EscalatedAt = now;
        Log(HazardAction.Escalated, by, now, EscalationReason);
    }

    public void Supervise(string instruction, DateOnly deadline, HazardActor by, DateTimeOffset now, DateOnly today)
    {
        if (!by.IsBureau)
        {
            throw new DomainException("Hazards.BureauOnly");
        }

        if (!IsOpen || (EscalatedAt is null && Grade != HazardGrade.Major && Source != HazardSource.BureauInspection))
        {
            throw new DomainException("Hazards.StepOutOfOrder");
        }

        if (deadline < today || deadline < FoundOn)
        {
            throw new DomainException("Hazards.DeadlineBeforeFinding");
        }

        SupervisionText = Text(instruction, 1000, "Hazards.InstructionRequired");
        SupervisionDeadline = deadline;
        Log(HazardAction.Supervised, by, now, $"{SupervisionText}（{deadline:yyyy-MM-dd}）");
    }

    /// <summary>Puts the hazard on a rectification notice; the notice's deadline becomes the deadline when none was set.</summary>
    public void AttachNotice(Guid noticeId, string number, DateOnly deadline, HazardActor by, DateTimeOffset now)
    {
        if (NoticeId is not null || Source != HazardSource.BureauInspection)
        {
            throw new DomainException("Hazards.StepOutOfOrder");
        }

        NoticeId = noticeId;
        SupervisionDeadline = deadline;
        Log(HazardAction.NoticeIssued, by, now, number);
    }

    private void RequireSchoolLead(HazardActor by)
    {
        if (by.SchoolId != SchoolId || by.Role is not (UserRole.SafetyDirector or UserRole.Principal))
        {
            throw new DomainException("Hazards.NotAllowed");
        }
    }

    private void RequireSignOff(HazardActor by)
    {
        var allowed = NeedsBureauAcceptance ? by.IsBureau : by.SchoolId == SchoolId && by.Role == UserRole.Principal;
        if (!allowed)
        {
            throw new DomainException(NeedsBureauAcceptance ? "Hazards.BureauAccepts" : "Hazards.PrincipalAccepts");
        }
    }

    private void Log(HazardAction action, HazardActor by, DateTimeOffset now, string? comment) =>
        Steps.Add(new HazardStep(0, now, action, by.UserId, by.Name, comment is { Length: > 1000 } ? comment[..1000] : comment));

    private static string Text(string? value, int max, string code) =>
        string.IsNullOrWhiteSpace(value) ? throw new DomainException(code)
        : value.Trim().Length > max ? throw new DomainException("Hazards.TextTooLong")
        : value.Trim();

    private static string? Optional(string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim().Length > max ? throw new DomainException("Hazards.TextTooLong") : value.Trim();
}
