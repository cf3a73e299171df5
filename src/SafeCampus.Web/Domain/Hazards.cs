namespace SafeCampus.Web.Domain;

/// <summary>
/// A bureau's self-check checklist (安全检查表): areas with items. Versioned: editing publishes a new version and retires
/// the old one, so a self-check keeps the items it was answered against.
/// </summary>
public sealed class ChecklistTemplate : ITenantOwned, IAuditable
{
    private ChecklistTemplate() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public string Name { get; private set; } = "";
    public int Version { get; private set; }
    public bool IsCurrent { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string? CreatedBy { get; private set; }
    public List<ChecklistItem> Items { get; private set; } = [];

    public static ChecklistTemplate Create(Bureau bureau, string name, IEnumerable<(string Area, string Text)> items, int version, string? by, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 60)
        {
            throw new DomainException("Hazards.ChecklistNameInvalid");
        }

        var list = items.Select((x, i) => new ChecklistItem(0, x.Area.Trim(), x.Text.Trim(), i + 1)).ToList();
        if (list.Count == 0 || list.Count > 300)
        {
            throw new DomainException("Hazards.ChecklistEmpty");
        }

        if (list.Any(x => x.Area.Length is 0 or > 30 || x.Text.Length is 0 or > 200))
        {
            throw new DomainException("Hazards.ChecklistItemInvalid");
        }

        return new ChecklistTemplate
        {
            Id = Guid.CreateVersion7(), BureauId = bureau.Id, ScopePath = bureau.Path, Name = name.Trim(), Version = version,
            IsCurrent = true, CreatedAt = now, CreatedBy = by, Items = list,
        };
    }

    public void Retire() => IsCurrent = false;

    public IEnumerable<string> Areas => Items.OrderBy(i => i.SortOrder).Select(i => i.Area).Distinct();
}

public sealed record ChecklistItem(int Id, string Area, string Text, int SortOrder);

/// <summary>A bureau's hazard rules for the schools below it; a school follows the nearest bureau that has a row.</summary>
public sealed class HazardSettings : ITenantOwned, IAuditable
{
    public const int DefaultSelfChecksPerMonth = 2;
    public const int DefaultBureauAlertDays = 3;

    private HazardSettings() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }
    public string ScopePath { get; private set; } = "";

    /// <summary>1 (monthly) or 2 (first and second half of the month).</summary>
    public int SelfChecksPerMonth { get; private set; } = DefaultSelfChecksPerMonth;

    /// <summary>Days past a rectification deadline after which the bureau is told.</summary>
    public int BureauAlertDays { get; private set; } = DefaultBureauAlertDays;

    /// <summary>The notice number's prefix, e.g. 青教安整; null = derived from the bureau's name.</summary>
    public string? NoticePrefix { get; private set; }

    public static HazardSettings Create(Bureau bureau)
    {
        return new HazardSettings { Id = Guid.CreateVersion7(), BureauId = bureau.Id, ScopePath = bureau.Path };
    }

    public void Update(int selfChecksPerMonth, int bureauAlertDays, string? noticePrefix)
    {
        if (selfChecksPerMonth is not (1 or 2) || bureauAlertDays is < 0 or > 90)
        {
            throw new DomainException("Hazards.SettingsInvalid");
        }

        if (noticePrefix is { } p && (p.Trim().Length > 12 || p.IndexOfAny(['〔', '〕']) >= 0))
        {
            throw new DomainException("Hazards.PrefixInvalid");
        }

        SelfChecksPerMonth = selfChecksPerMonth;
        BureauAlertDays = bureauAlertDays;
        NoticePrefix = string.IsNullOrWhiteSpace(noticePrefix) ? null : noticePrefix.Trim();
    }

    /// <summary>青山县教育局 → 青教安整: the first character of the place name, then 教安整.</summary>
    public static string DefaultPrefix(Bureau bureau) => (bureau.ShortName ?? bureau.Name)[..1] + "教安整";
}

/// <summary>The next rectification-notice number of one bureau in one year; taken with UPDATE … RETURNING.</summary>
public sealed class NoticeCounter : ITenantOwned
{
    private NoticeCounter() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public int Year { get; private set; }
    public int Next { get; private set; } = 1;

    public static NoticeCounter Create(Bureau bureau, int year) =>
        new() { Id = Guid.CreateVersion7(), BureauId = bureau.Id, ScopePath = bureau.Path, Year = year };

    /// <summary>Takes a number in memory (seeding); issuing takes it in SQL so concurrent issuers never share one.</summary>
    public int Take() => Next++;
}

public enum CheckResult
{
    Ok = 1,
    Hazard = 2,
    NotApplicable = 3,
}

/// <summary>One self-check (自查) of a school in one period, answered item by item against a checklist version.</summary>
public sealed class SelfCheck : ITenantOwned, IAuditable
{
    private SelfCheck() { }

    public Guid Id { get; private set; }
    public Guid SchoolId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public Guid TemplateId { get; private set; }

    /// <summary>The special campaign this check answers; null for the periodic self-check.</summary>
    public Guid? CampaignId { get; private set; }
    public string PeriodKey { get; private set; } = "";
    public DateOnly Date { get; private set; }
    public string CheckedBy { get; private set; } = "";
    public string? CheckedByUserId { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }
    public int HazardCount { get; private set; }
    public List<SelfCheckAnswer> Answers { get; private set; } = [];

    /// <summary>The period key of every campaign check: campaign checks are told apart by <see cref="CampaignId"/>.</summary>
    public const string CampaignPeriodKey = "campaign";

    public static SelfCheck Submit(School school, ChecklistTemplate template, string periodKey, DateOnly date,
        IReadOnlyList<SelfCheckAnswer> answers, HazardActor by, DateTimeOffset now, Guid? campaignId = null)
    {
        if (by.SchoolId != school.Id || by.Role is not (UserRole.SafetyDirector or UserRole.Principal))
        {
            throw new DomainException("Hazards.NotAllowed");
        }

        var itemIds = template.Items.Select(i => i.Id).ToHashSet();
        if (answers.Count != itemIds.Count || !answers.Select(a => a.ItemId).ToHashSet().SetEquals(itemIds))
        {
            throw new DomainException("Hazards.SelfCheckIncomplete");
        }

        if (answers.Any(a => !Enum.IsDefined(a.Result)) || answers.Any(a => a.Note is { Length: > 500 }))
        {
            throw new DomainException("Hazards.SelfCheckIncomplete");
        }

        if (answers.Any(a => a.Result == CheckResult.Hazard && string.IsNullOrWhiteSpace(a.Note)))
        {
            throw new DomainException("Hazards.HazardNeedsNote");
        }

        return new SelfCheck
        {
            Id = Guid.CreateVersion7(), SchoolId = school.Id, ScopePath = school.ScopePath, TemplateId = template.Id,
            CampaignId = campaignId, PeriodKey = campaignId is null ? periodKey : CampaignPeriodKey, Date = date, CheckedBy = by.Name, CheckedByUserId = by.UserId, SubmittedAt = now,
            HazardCount = answers.Count(a => a.Result == CheckResult.Hazard), Answers = answers.ToList(),
        };
    }

    /// <summary>Records the hazard that a "hazard" answer created.</summary>
    public void LinkHazard(int itemId, Guid hazardId)
    {
        var i = Answers.FindIndex(a => a.ItemId == itemId && a.Result == CheckResult.Hazard);
        if (i < 0)
        {
            throw new DomainException("Hazards.SelfCheckIncomplete");
        }

        Answers[i] = Answers[i] with { HazardId = hazardId };
    }
}

public sealed record SelfCheckAnswer(int ItemId, CheckResult Result, string? Note, Guid? HazardId = null);

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

public enum InspectionKind
{
    Bureau = 1,
    Campaign = 2,
    CrossSchool = 3,
}

/// <summary>An inspection of one school (检查) by a bureau team; its findings are hazards of the school.</summary>
public sealed class Inspection : ITenantOwned, IAuditable
{
    private Inspection() { }

    public Guid Id { get; private set; }
    public Guid SchoolId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public Guid BureauId { get; private set; }
    public InspectionKind Kind { get; private set; }

    /// <summary>The school whose team inspected, for a cross-school inspection (校际互查).</summary>
    public Guid? InspectorSchoolId { get; private set; }
    public DateOnly Date { get; private set; }
    public string Team { get; private set; } = "";
    public string? Summary { get; private set; }
    public string? CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static Inspection Record(School school, Bureau bureau, DateOnly date, string team, string? summary, HazardActor by, DateTimeOffset now, DateOnly today)
    {
        if (!by.IsBureau || !school.ScopePath.StartsWith(bureau.Path, StringComparison.Ordinal))
        {
            throw new DomainException("Hazards.BureauOnly");
        }

        return Create(school, bureau.Id, InspectionKind.Bureau, null, date, team, summary, by, now, today);
    }

    /// <summary>The inspecting school records its inspection of the assigned school, on or after the assignment, while it is open.</summary>
    public static Inspection RecordCrossSchool(CrossInspectionAssignment assignment, School target, DateOnly date, string team, string? summary,
        HazardActor by, DateTimeOffset now, DateOnly today)
    {
        assignment.RequireInspector(by);
        assignment.RequireOpen(today);
        if (target.Id != assignment.TargetSchoolId)
        {
            throw new DomainException("Hazards.NotAssigned");
        }

        if (assignment.InspectionId is not null)
        {
            throw new DomainException("Hazards.CrossAlreadyRecorded");
        }

        if (date < DateOnly.FromDateTime(assignment.CreatedAt.UtcDateTime).AddDays(-1))
        {
            throw new DomainException("Hazards.FoundOnInvalid");
        }

        return Create(target, assignment.BureauId, InspectionKind.CrossSchool, assignment.InspectorSchoolId, date, team, summary, by, now, today);
    }

    private static Inspection Create(School school, Guid bureauId, InspectionKind kind, Guid? inspectorSchoolId, DateOnly date, string team,
        string? summary, HazardActor by, DateTimeOffset now, DateOnly today)
    {
        if (date > today || date < today.AddYears(-1))
        {
            throw new DomainException("Hazards.FoundOnInvalid");
        }

        if (string.IsNullOrWhiteSpace(team) || team.Trim().Length > 200 || summary is { Length: > 2000 })
        {
            throw new DomainException("Hazards.TeamRequired");
        }

        return new Inspection
        {
            Id = Guid.CreateVersion7(), SchoolId = school.Id, ScopePath = school.ScopePath, BureauId = bureauId,
            Kind = kind, InspectorSchoolId = inspectorSchoolId, Date = date, Team = team.Trim(),
            Summary = string.IsNullOrWhiteSpace(summary) ? null : summary.Trim(), CreatedBy = by.Name, CreatedAt = now,
        };
    }
}

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

/// <summary>Which schools a special campaign covers: every school in the bureau's subtree, those of one kind, or a pick.</summary>
public enum CampaignScope
{
    All = 1,
    Kind = 2,
    Picked = 3,
}

/// <summary>
/// A special campaign (专项检查/专项整治), e.g. 冬春防火专项检查: a bureau asks schools of its subtree to work through one
/// checklist between two dates. Each school answers once, like a self-check; its "hazard" answers become hazards of
/// source campaign, which the bureau accepts.
/// </summary>
public sealed class HazardCampaign : ITenantOwned, IAuditable
{
    private HazardCampaign() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public string Name { get; private set; } = "";
    public Guid TemplateId { get; private set; }
    public CampaignScope Audience { get; private set; }
    public SchoolKind? Kind { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    public int SchoolCount { get; private set; }
    public string? CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static HazardCampaign Create(Bureau bureau, string name, ChecklistTemplate template, CampaignScope audience, SchoolKind? kind,
        DateOnly startsOn, DateOnly endsOn, HazardActor by, DateTimeOffset now, DateOnly today)
    {
        if (!by.IsBureau)
        {
            throw new DomainException("Hazards.BureauOnly");
        }

        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 60)
        {
            throw new DomainException("Hazards.CampaignNameInvalid");
        }

        // The bureau's own checklists and those it inherits from above.
        if (!bureau.Path.StartsWith(template.ScopePath, StringComparison.Ordinal))
        {
            throw new DomainException("Hazards.CampaignChecklistInvalid");
        }

        if (endsOn < startsOn || endsOn < today || startsOn < today.AddYears(-1) || endsOn > startsOn.AddYears(1))
        {
            throw new DomainException("Hazards.CampaignDatesInvalid");
        }

        if (!Enum.IsDefined(audience) || (audience == CampaignScope.Kind) != (kind is not null) || (kind is { } k && !Enum.IsDefined(k)))
        {
            throw new DomainException("Hazards.CampaignNoSchools");
        }

        return new HazardCampaign
        {
            Id = Guid.CreateVersion7(), BureauId = bureau.Id, ScopePath = bureau.Path, Name = name.Trim(), TemplateId = template.Id,
            Audience = audience, Kind = kind, StartsOn = startsOn, EndsOn = endsOn, CreatedBy = by.Name, CreatedAt = now,
        };
    }

    /// <summary>Adds the schools; all must lie in the bureau's subtree, and there must be at least one.</summary>
    public List<HazardCampaignSchool> Include(IReadOnlyCollection<School> schools)
    {
        if (schools.Count == 0)
        {
            throw new DomainException("Hazards.CampaignNoSchools");
        }

        var rows = schools.DistinctBy(s => s.Id).Select(s => HazardCampaignSchool.For(this, s)).ToList();
        SchoolCount = rows.Count;
        return rows;
    }

    public bool HasStarted(DateOnly today) => today >= StartsOn;

    public bool IsOverdue(DateOnly today) => today > EndsOn;
}

/// <summary>One school in a campaign; done once the school has answered the campaign's checklist.</summary>
public sealed class HazardCampaignSchool : ITenantOwned
{
    private HazardCampaignSchool() { }

    public Guid Id { get; private set; }
    public Guid CampaignId { get; private set; }
    public Guid SchoolId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public Guid? CheckId { get; private set; }
    public DateTimeOffset? DoneAt { get; private set; }

    public static HazardCampaignSchool For(HazardCampaign campaign, School school) =>
        school.ScopePath.StartsWith(campaign.ScopePath, StringComparison.Ordinal)
            ? new HazardCampaignSchool { Id = Guid.CreateVersion7(), CampaignId = campaign.Id, SchoolId = school.Id, ScopePath = school.ScopePath }
            : throw new DomainException("Hazards.SchoolOutsideBureau");

    /// <summary>Records the school's answer; a campaign is answered once.</summary>
    public void Complete(HazardCampaign campaign, SelfCheck check, DateOnly today)
    {
        if (CheckId is not null)
        {
            throw new DomainException("Hazards.CampaignAlreadyAnswered");
        }

        if (!campaign.HasStarted(today))
        {
            throw new DomainException("Hazards.CampaignNotStarted");
        }

        if (check.CampaignId != CampaignId || check.SchoolId != SchoolId)
        {
            throw new DomainException("Hazards.NotAllowed");
        }

        CheckId = check.Id;
        DoneAt = check.SubmittedAt;
    }
}

/// <summary>
/// A cross-school inspection (校际互查) the bureau assigns: the inspecting school's team inspects the target school by a
/// date. The row lives with the inspecting school (its to-do, its record of what it did); the inspection and its
/// findings live with the target school. Open until the inspecting school closes it or the due date passes.
/// </summary>
public sealed class CrossInspectionAssignment : ITenantOwned, IAuditable
{
    private CrossInspectionAssignment() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }

    /// <summary>The inspecting school's path: the assignment is the inspecting school's to see and act on.</summary>
    public string ScopePath { get; private set; } = "";
    public Guid InspectorSchoolId { get; private set; }
    public Guid TargetSchoolId { get; private set; }
    public DateOnly DueOn { get; private set; }
    public string? Note { get; private set; }
    public Guid? InspectionId { get; private set; }
    public int FindingCount { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static CrossInspectionAssignment Assign(Bureau bureau, School inspector, School target, DateOnly dueOn, string? note,
        HazardActor by, DateTimeOffset now, DateOnly today)
    {
        if (!by.IsBureau)
        {
            throw new DomainException("Hazards.BureauOnly");
        }

        if (!inspector.ScopePath.StartsWith(bureau.Path, StringComparison.Ordinal) || !target.ScopePath.StartsWith(bureau.Path, StringComparison.Ordinal))
        {
            throw new DomainException("Hazards.SchoolOutsideBureau");
        }

        if (inspector.Id == target.Id)
        {
            throw new DomainException("Hazards.CrossSameSchool");
        }

        if (dueOn < today || dueOn > today.AddYears(1))
        {
            throw new DomainException("Hazards.CrossDueInvalid");
        }

        if (note is { } n && n.Trim().Length > 500)
        {
            throw new DomainException("Hazards.TextTooLong");
        }

        return new CrossInspectionAssignment
        {
            Id = Guid.CreateVersion7(), BureauId = bureau.Id, ScopePath = inspector.ScopePath, InspectorSchoolId = inspector.Id,
            TargetSchoolId = target.Id, DueOn = dueOn, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), CreatedBy = by.Name, CreatedAt = now,
        };
    }

    public bool IsOpen(DateOnly today) => ClosedAt is null && today <= DueOn;

    public void RequireInspector(HazardActor by)
    {
        if (by.SchoolId != InspectorSchoolId || by.Role is not (UserRole.SafetyDirector or UserRole.Principal))
        {
            throw new DomainException("Hazards.NotAssigned");
        }
    }

    public void RequireOpen(DateOnly today)
    {
        if (!IsOpen(today))
        {
            throw new DomainException("Hazards.CrossClosed");
        }
    }

    public void Recorded(Inspection inspection)
    {
        if (InspectionId is not null || inspection.Kind != InspectionKind.CrossSchool || inspection.SchoolId != TargetSchoolId)
        {
            throw new DomainException("Hazards.CrossAlreadyRecorded");
        }

        InspectionId = inspection.Id;
    }

    public void FindingAdded() => FindingCount++;

    /// <summary>The inspecting school finishes: no more findings.</summary>
    public void Close(HazardActor by, DateTimeOffset now, DateOnly today)
    {
        RequireInspector(by);
        RequireOpen(today);
        if (InspectionId is null)
        {
            throw new DomainException("Hazards.CrossNotRecorded");
        }

        ClosedAt = now;
    }
}
