using System.Globalization;

namespace SafeCampus.Web.Domain;

/// <summary>The three defences (三防): human (人防), physical (物防), technical (技防).</summary>
public enum DefenceGroup
{
    Human = 1,
    Physical = 2,
    Technical = 3,
}

public enum DefenceFieldType
{
    /// <summary>A whole number of people or things (≥ 0, at most <see cref="DefenceField.Max"/>).</summary>
    Count = 1,

    /// <summary>A fact: 1 = yes, 0 = no. Summed, it counts the schools that have it.</summary>
    YesNo = 2,

    /// <summary>A measurement with up to two decimals (e.g. wall height in metres). Aggregated as the minimum.</summary>
    Measure = 3,
}

/// <summary>One field of the monthly return. <see cref="Key"/> is stored with each value and names its resource text.</summary>
public sealed record DefenceField(string Key, DefenceGroup Group, DefenceFieldType Type, decimal Max)
{
    public bool IsCount => Type == DefenceFieldType.Count;
}

/// <summary>The fields of the 三防 return (DOMAIN.md, "Three defences"), in the order of the form and the table.</summary>
public static class DefenceFields
{
    public const string Guards = "Guards";
    public const string FullTimeGuards = "FullTimeGuards";
    public const string TrainedGuards = "TrainedGuards";
    public const string GuardsOver60 = "GuardsOver60";
    public const string OpenGates = "OpenGates";
    public const string DormManagers = "DormManagers";
    public const string FullTimeDormManagers = "FullTimeDormManagers";
    public const string PatrolTeam = "PatrolTeam";
    public const string NightWatch = "NightWatch";
    public const string ResidentPolice = "ResidentPolice";
    public const string LegalVicePrincipal = "LegalVicePrincipal";
    public const string WallHeight = "WallHeight";
    public const string CampusClosed = "CampusClosed";
    public const string Bollards = "Bollards";
    public const string PoliceEquipment = "PoliceEquipment";
    public const string FireExtinguishers = "FireExtinguishers";
    public const string EmergencyLights = "EmergencyLights";
    public const string EvacuationSigns = "EvacuationSigns";
    public const string Cameras = "Cameras";
    public const string FullCoverage = "FullCoverage";
    public const string DigitalSignal = "DigitalSignal";
    public const string CamerasOutsideGate = "CamerasOutsideGate";
    public const string CamerasNetworked = "CamerasNetworked";
    public const string OneKeyAlarm = "OneKeyAlarm";
    public const string DormAlarms = "DormAlarms";
    public const string MonitoringStaffed = "MonitoringStaffed";
    public const string VideoDays = "VideoDays";

    public static readonly IReadOnlyList<DefenceField> All =
    [
        new(Guards, DefenceGroup.Human, DefenceFieldType.Count, 500),
        new(FullTimeGuards, DefenceGroup.Human, DefenceFieldType.Count, 500),
        new(TrainedGuards, DefenceGroup.Human, DefenceFieldType.Count, 500),
        new(GuardsOver60, DefenceGroup.Human, DefenceFieldType.Count, 500),
        new(OpenGates, DefenceGroup.Human, DefenceFieldType.Count, 20),
        new(DormManagers, DefenceGroup.Human, DefenceFieldType.Count, 300),
        new(FullTimeDormManagers, DefenceGroup.Human, DefenceFieldType.Count, 300),
        new(PatrolTeam, DefenceGroup.Human, DefenceFieldType.YesNo, 1),
        new(NightWatch, DefenceGroup.Human, DefenceFieldType.YesNo, 1),
        new(ResidentPolice, DefenceGroup.Human, DefenceFieldType.YesNo, 1),
        new(LegalVicePrincipal, DefenceGroup.Human, DefenceFieldType.YesNo, 1),
        new(WallHeight, DefenceGroup.Physical, DefenceFieldType.Measure, 10),
        new(CampusClosed, DefenceGroup.Physical, DefenceFieldType.YesNo, 1),
        new(Bollards, DefenceGroup.Physical, DefenceFieldType.YesNo, 1),
        new(PoliceEquipment, DefenceGroup.Physical, DefenceFieldType.Count, 1_000),
        new(FireExtinguishers, DefenceGroup.Physical, DefenceFieldType.Count, 10_000),
        new(EmergencyLights, DefenceGroup.Physical, DefenceFieldType.Count, 10_000),
        new(EvacuationSigns, DefenceGroup.Physical, DefenceFieldType.Count, 10_000),
        new(Cameras, DefenceGroup.Technical, DefenceFieldType.Count, 5_000),
        new(FullCoverage, DefenceGroup.Technical, DefenceFieldType.YesNo, 1),
        new(DigitalSignal, DefenceGroup.Technical, DefenceFieldType.YesNo, 1),
        new(CamerasOutsideGate, DefenceGroup.Technical, DefenceFieldType.YesNo, 1),
        new(CamerasNetworked, DefenceGroup.Technical, DefenceFieldType.YesNo, 1),
        new(OneKeyAlarm, DefenceGroup.Technical, DefenceFieldType.YesNo, 1),
        new(DormAlarms, DefenceGroup.Technical, DefenceFieldType.Count, 1_000),
        new(MonitoringStaffed, DefenceGroup.Technical, DefenceFieldType.YesNo, 1),
        new(VideoDays, DefenceGroup.Technical, DefenceFieldType.Count, 365),
    ];

    public static readonly IReadOnlyDictionary<string, DefenceField> ByKey = All.ToDictionary(f => f.Key, StringComparer.Ordinal);

    /// <summary>
    /// Checks the values of one return: every field present, in range, integers where counted, and consistent with
    /// each other and with the school's size. Returns (field, error code) pairs; empty when valid.
    /// </summary>
    public static List<(string Field, string Code)> Validate(IReadOnlyDictionary<string, decimal> values, int studentsAndStaff)
    {
        var errors = new List<(string, string)>();
        foreach (var f in All)
        {
            if (!values.TryGetValue(f.Key, out var v))
            {
                errors.Add((f.Key, "Defences.ValueMissing"));
            }
            else if (v < 0)
            {
                errors.Add((f.Key, "Defences.ValueNegative"));
            }
            else if (f.Type != DefenceFieldType.Measure && v != decimal.Truncate(v))
            {
                errors.Add((f.Key, "Defences.ValueNotWhole"));
            }
            else if (v > f.Max || (f.Type == DefenceFieldType.Measure && v != decimal.Round(v, 2)))
            {
                errors.Add((f.Key, "Defences.ValueOutOfRange"));
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        if (values[FullTimeGuards] > values[Guards])
        {
            errors.Add((FullTimeGuards, "Defences.FullTimeAboveTotal"));
        }

        if (values[TrainedGuards] > values[Guards] || values[GuardsOver60] > values[Guards])
        {
            errors.Add((values[TrainedGuards] > values[Guards] ? TrainedGuards : GuardsOver60, "Defences.GuardSubsetAboveTotal"));
        }

        if (values[FullTimeDormManagers] > values[DormManagers])
        {
            errors.Add((FullTimeDormManagers, "Defences.FullTimeAboveTotal"));
        }

        if (values[Guards] + values[DormManagers] > Math.Max(studentsAndStaff, 10))
        {
            errors.Add((Guards, "Defences.MoreStaffThanPeople"));
        }

        return errors;
    }
}

/// <summary>The checks against standards (对照标准) a bureau configures. Bits of <see cref="DefenceReturn.FailedChecks"/>.</summary>
[Flags]
public enum DefenceCheck
{
    None = 0,
    GuardsPerGate = 1,
    GuardRatio = 2,
    Wall = 4,
    Alarm = 8,
    Cameras = 16,
    Video = 32,
}

/// <summary>
/// A bureau's standards for the 三防 return and its deadline. A school follows the nearest bureau above it that has
/// set them (its county, then the city), else <see cref="Defaults"/> (DOMAIN.md's commonly cited standards).
/// </summary>
public sealed class DefenceStandard : ITenantOwned, IAuditable
{
    public static readonly IReadOnlyList<DefenceCheck> Checks =
        [DefenceCheck.GuardsPerGate, DefenceCheck.GuardRatio, DefenceCheck.Wall, DefenceCheck.Alarm, DefenceCheck.Cameras, DefenceCheck.Video];

    private DefenceStandard() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }
    public string ScopePath { get; private set; } = "";

    /// <summary>Day of the month the return is due (1–28), end of that day China time.</summary>
    public int DueDay { get; private set; } = 25;
    public int GuardsPerGate { get; private set; } = 2;
    public int LargeSchoolThreshold { get; private set; } = 1500;
    public int GuardPermille { get; private set; } = 2;
    public int BoardingGuardPermille { get; private set; } = 3;
    public decimal MinWallHeight { get; private set; } = 2.0m;
    public int MinVideoDays { get; private set; } = 30;

    /// <summary>The checks in force (a bureau may switch some off).</summary>
    public DefenceCheck Enabled { get; private set; } = DefenceCheck.GuardsPerGate | DefenceCheck.GuardRatio | DefenceCheck.Wall
        | DefenceCheck.Alarm | DefenceCheck.Cameras | DefenceCheck.Video;

    /// <summary>DOMAIN.md's standards, not stored: used where no bureau above a school has set its own.</summary>
    public static DefenceStandard Defaults() => new();

    public static DefenceStandard Create(Bureau bureau)
    {
        return new DefenceStandard { Id = Guid.CreateVersion7(), BureauId = bureau.Id, ScopePath = bureau.Path };
    }

    public void Update(int dueDay, int guardsPerGate, int largeSchoolThreshold, int guardPermille, int boardingGuardPermille,
        decimal minWallHeight, int minVideoDays, DefenceCheck enabled)
    {
        if (dueDay is < 1 or > 28)
        {
            throw new DomainException("Defences.DueDayInvalid");
        }

        if (guardsPerGate is < 0 or > 10 || largeSchoolThreshold is < 0 or > 20_000 || guardPermille is < 0 or > 20
            || boardingGuardPermille is < 0 or > 20 || minWallHeight is < 0 or > 10 || minVideoDays is < 0 or > 365)
        {
            throw new DomainException("Defences.StandardInvalid");
        }

        DueDay = dueDay;
        GuardsPerGate = guardsPerGate;
        LargeSchoolThreshold = largeSchoolThreshold;
        GuardPermille = guardPermille;
        BoardingGuardPermille = boardingGuardPermille;
        MinWallHeight = minWallHeight;
        MinVideoDays = minVideoDays;
        Enabled = enabled & (DefenceCheck)63;
    }

    /// <summary>The due date of a month's return.</summary>
    public DateOnly DueDate(DateOnly month) => new(month.Year, month.Month, DueDay);

    /// <summary>Full-time guards the school needs by its size: ⌈(students + staff) × ‰⌉ above the threshold, else 0.</summary>
    public int RequiredGuardsBySize(int studentsAndStaff, bool boarding) =>
        studentsAndStaff > LargeSchoolThreshold
            ? (int)Math.Ceiling(studentsAndStaff * (boarding ? BoardingGuardPermille : GuardPermille) / 1000m)
            : 0;

    /// <summary>The checks the values fail (only checks in force).</summary>
    public DefenceCheck Evaluate(IReadOnlyDictionary<string, decimal> v, int studentsAndStaff, bool boarding)
    {
        decimal Get(string key) => v.TryGetValue(key, out var x) ? x : 0;
        var failed = DefenceCheck.None;
        if (Get(DefenceFields.FullTimeGuards) < GuardsPerGate * Get(DefenceFields.OpenGates))
        {
            failed |= DefenceCheck.GuardsPerGate;
        }

        if (Get(DefenceFields.FullTimeGuards) < RequiredGuardsBySize(studentsAndStaff, boarding))
        {
            failed |= DefenceCheck.GuardRatio;
        }

        if (Get(DefenceFields.WallHeight) < MinWallHeight || Get(DefenceFields.CampusClosed) != 1)
        {
            failed |= DefenceCheck.Wall;
        }

        if (Get(DefenceFields.OneKeyAlarm) != 1)
        {
            failed |= DefenceCheck.Alarm;
        }

        if (Get(DefenceFields.CamerasOutsideGate) != 1 || Get(DefenceFields.CamerasNetworked) != 1)
        {
            failed |= DefenceCheck.Cameras;
        }

        if (Get(DefenceFields.VideoDays) < MinVideoDays)
        {
            failed |= DefenceCheck.Video;
        }

        return failed & Enabled;
    }
}

public enum DefenceReturnState
{
    Draft = 1,
    Submitted = 2,
    Confirmed = 3,
    Accepted = 4,
    Returned = 5,
}

/// <summary>
/// A school's monthly 三防 return (三防月报): drafted and submitted by the safety director, confirmed by the principal,
/// accepted or returned by the bureau. Locked when the bureau closes the month; a bureau may reopen it with a reason.
/// </summary>
public sealed class DefenceReturn : ITenantOwned, IAuditable
{
    private DefenceReturn() { }

    public Guid Id { get; private set; }
    public Guid SchoolId { get; private set; }
    public string ScopePath { get; private set; } = "";

    /// <summary>First day of the month reported on.</summary>
    public DateOnly Month { get; private set; }
    public DefenceReturnState State { get; private set; }
    public List<DefenceValue> Values { get; private set; } = [];

    /// <summary>The school's size and boarding when last saved: the checks and the statistics keep what they were.</summary>
    public int StudentsAndStaff { get; private set; }
    public bool IsBoarding { get; private set; }

    /// <summary>Checks against the standards that the values fail, as of the last save.</summary>
    public DefenceCheck FailedChecks { get; private set; }

    /// <summary>First submitted after the end of the due day.</summary>
    public bool IsLate { get; private set; }
    public bool IsLocked { get; private set; }
    public DateOnly DueDate { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string? UpdatedBy { get; private set; }
    public DateTimeOffset? FirstSubmittedAt { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public string? SubmittedBy { get; private set; }
    public DateTimeOffset? ConfirmedAt { get; private set; }
    public string? ConfirmedBy { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }
    public string? ReviewedBy { get; private set; }
    public string? ReviewComment { get; private set; }
    public string? ReopenReason { get; private set; }
    public uint Version { get; private set; }

    /// <summary>Submitted, confirmed or accepted: counted in the statistics.</summary>
    public static readonly DefenceReturnState[] Reported = [DefenceReturnState.Submitted, DefenceReturnState.Confirmed, DefenceReturnState.Accepted];

    public bool IsEditable => !IsLocked && State is DefenceReturnState.Draft or DefenceReturnState.Returned;

    /// <summary>A new draft, prefilled with the previous month's values when there are any, else zeros.</summary>
    public static DefenceReturn Start(School school, DateOnly month, DefenceStandard standard, IReadOnlyDictionary<string, decimal>? previous, string? by, DateTimeOffset now) =>
        Start(DefenceSchool.Of(school), month, standard, previous, by, now);

    /// <inheritdoc cref="Start(School, DateOnly, DefenceStandard, IReadOnlyDictionary{string, decimal}?, string?, DateTimeOffset)"/>
    public static DefenceReturn Start(DefenceSchool school, DateOnly month, DefenceStandard standard, IReadOnlyDictionary<string, decimal>? previous, string? by, DateTimeOffset now)
    {
        var r = new DefenceReturn
        {
            Id = Guid.CreateVersion7(), SchoolId = school.Id, ScopePath = school.ScopePath, Month = FirstOfMonth(month),
            State = DefenceReturnState.Draft, CreatedAt = now, UpdatedAt = now, UpdatedBy = by,
        };
        r.DueDate = standard.DueDate(r.Month);
        var start = DefenceFields.All.ToDictionary(f => f.Key, f => previous?.GetValueOrDefault(f.Key) ?? 0m, StringComparer.Ordinal);
        r.Values = start.Select(kv => new DefenceValue(kv.Key, kv.Value)).ToList();
        r.Snapshot(school, standard);
        return r;
    }

    public static DateOnly FirstOfMonth(DateOnly d) => new(d.Year, d.Month, 1);

    public IReadOnlyDictionary<string, decimal> ValueMap() => Values.ToDictionary(v => v.Field, v => v.Value, StringComparer.Ordinal);

    /// <summary>Saves the values of a draft (or a returned return). Throws the first rule broken; nothing changes then.</summary>
    public void Save(IReadOnlyDictionary<string, decimal> values, School school, DefenceStandard standard, string? by, DateTimeOffset now) =>
        Save(values, DefenceSchool.Of(school), standard, by, now);

    /// <inheritdoc cref="Save(IReadOnlyDictionary{string, decimal}, School, DefenceStandard, string?, DateTimeOffset)"/>
    public void Save(IReadOnlyDictionary<string, decimal> values, DefenceSchool school, DefenceStandard standard, string? by, DateTimeOffset now)
    {
        EnsureEditable();
        var errors = DefenceFields.Validate(values, school.StudentsAndStaff);
        if (errors.Count > 0)
        {
            throw new DomainException(errors[0].Code);
        }

        foreach (var f in DefenceFields.All)
        {
            var existing = Values.FirstOrDefault(v => v.Field == f.Key);
            if (existing is null)
            {
                Values.Add(new DefenceValue(f.Key, values[f.Key]));
            }
            else
            {
                existing.Set(values[f.Key]);
            }
        }

        Values.RemoveAll(v => !DefenceFields.ByKey.ContainsKey(v.Field));
        UpdatedAt = now;
        UpdatedBy = by;
        Snapshot(school, standard);
    }

    private void Snapshot(DefenceSchool school, DefenceStandard standard)
    {
        StudentsAndStaff = school.StudentsAndStaff;
        IsBoarding = school.IsBoarding;
        FailedChecks = standard.Evaluate(ValueMap(), StudentsAndStaff, IsBoarding);
    }

    /// <summary>The safety director submits to the principal. Late when first submitted after the due day (China time).</summary>
    public void Submit(string by, DateTimeOffset now)
    {
        if (State is DefenceReturnState.Submitted or DefenceReturnState.Confirmed or DefenceReturnState.Accepted)
        {
            throw new DomainException("Defences.AlreadySubmitted");
        }

        EnsureEditable();
        State = DefenceReturnState.Submitted;
        SubmittedAt = now;
        SubmittedBy = by;
        if (FirstSubmittedAt is null)
        {
            FirstSubmittedAt = now;
            IsLate = IsAfterDeadline(now);
        }
    }

    public bool IsAfterDeadline(DateTimeOffset now) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, ChinaTime).DateTime) > DueDate;

    private static readonly TimeZoneInfo ChinaTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>The principal confirms the submitted return; it goes to the bureau.</summary>
    public void Confirm(string by, DateTimeOffset now)
    {
        EnsureNotLocked();
        if (State != DefenceReturnState.Submitted)
        {
            throw new DomainException(State is DefenceReturnState.Confirmed or DefenceReturnState.Accepted ? "Defences.AlreadyConfirmed" : "Defences.NotSubmitted");
        }

        State = DefenceReturnState.Confirmed;
        ConfirmedAt = now;
        ConfirmedBy = by;
    }

    public void Accept(string by, DateTimeOffset now)
    {
        EnsureNotLocked();
        if (State != DefenceReturnState.Confirmed)
        {
            throw new DomainException("Defences.NotConfirmed");
        }

        State = DefenceReturnState.Accepted;
        ReviewedAt = now;
        ReviewedBy = by;
        ReviewComment = null;
    }

    /// <summary>The bureau (or the principal, before confirming) sends the return back with a comment.</summary>
    public void Return(string by, string comment, DateTimeOffset now)
    {
        EnsureNotLocked();
        if (State is not (DefenceReturnState.Submitted or DefenceReturnState.Confirmed))
        {
            throw new DomainException("Defences.NotSubmitted");
        }

        if (string.IsNullOrWhiteSpace(comment) || comment.Trim().Length > 1000)
        {
            throw new DomainException("Defences.ReturnNeedsComment");
        }

        State = DefenceReturnState.Returned;
        ReviewedAt = now;
        ReviewedBy = by;
        ReviewComment = comment.Trim();
    }

    /// <summary>The bureau closed the month.</summary>
    public void Lock() => IsLocked = true;

    /// <summary>A bureau reopens one locked return so the school can correct it; the reason is kept and audited.</summary>
    public void Reopen(string by, string reason, DateTimeOffset now)
    {
        if (!IsLocked)
        {
            throw new DomainException("Defences.NotLocked");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 1000)
        {
            throw new DomainException("Defences.ReopenNeedsReason");
        }

        IsLocked = false;
        ReopenReason = reason.Trim();
        ReviewComment = reason.Trim();
        ReviewedAt = now;
        ReviewedBy = by;
        if (State != DefenceReturnState.Draft)
        {
            State = DefenceReturnState.Returned;
        }
    }

    private void EnsureNotLocked()
    {
        if (IsLocked)
        {
            throw new DomainException("Defences.Locked");
        }
    }

    private void EnsureEditable()
    {
        EnsureNotLocked();
        if (!IsEditable)
        {
            throw new DomainException("Defences.NotEditable");
        }
    }

    public static string MonthKey(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}

/// <summary>What a return needs to know of its school: where it sits in the tree, its size and whether it boards.</summary>
public sealed record DefenceSchool(Guid Id, string ScopePath, int StudentsAndStaff, bool IsBoarding)
{
    public static DefenceSchool Of(School school) => new(school.Id, school.ScopePath, school.Students + school.Staff, school.IsBoarding);
}

/// <summary>One field's value in a return (counts and yes/no as whole numbers, measurements with two decimals).</summary>
public sealed class DefenceValue(string field, decimal value)
{
    public string Field { get; private set; } = field;
    public decimal Value { get; private set; } = value;

    internal void Set(decimal value) => Value = value;
}

/// <summary>A bureau closed a month: returns of its schools for that month are locked and no new ones start.</summary>
public sealed class DefenceMonthClosure : ITenantOwned, IAuditable
{
    private DefenceMonthClosure() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public DateOnly Month { get; private set; }
    public DateTimeOffset ClosedAt { get; private set; }
    public string? ClosedBy { get; private set; }

    public static DefenceMonthClosure Close(Bureau bureau, DateOnly month, string? by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(), BureauId = bureau.Id, ScopePath = bureau.Path, Month = DefenceReturn.FirstOfMonth(month),
        ClosedAt = now, ClosedBy = by,
    };
}

public enum DefenceReportState
{
    Queued = 1,
    Running = 2,
    Done = 3,
    Failed = 4,
}

/// <summary>A generated statistics PDF (统计表) of a bureau for a month, made in the background; earlier ones stay.</summary>
public sealed class DefenceReport : ITenantOwned
{
    private DefenceReport() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public DateOnly Month { get; private set; }
    public DefenceReportState State { get; private set; }
    public int Progress { get; private set; }
    public bool Automatic { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public string? RequestedBy { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public Guid? FileId { get; private set; }
    public string? Error { get; private set; }

    public static DefenceReport Queue(Bureau bureau, DateOnly month, bool automatic, string? by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(), BureauId = bureau.Id, ScopePath = bureau.Path, Month = DefenceReturn.FirstOfMonth(month),
        State = DefenceReportState.Queued, Automatic = automatic, RequestedAt = now, RequestedBy = by,
    };

    public void Start()
    {
        State = DefenceReportState.Running;
        Progress = 10;
    }

    public void Advance(int progress) => Progress = Math.Clamp(progress, Progress, 99);

    public void Complete(Guid fileId, DateTimeOffset now)
    {
        State = DefenceReportState.Done;
        Progress = 100;
        FileId = fileId;
        CompletedAt = now;
    }

    public void Fail(string error, DateTimeOffset now)
    {
        State = DefenceReportState.Failed;
        Error = error.Length > 1000 ? error[..1000] : error;
        CompletedAt = now;
    }
}
