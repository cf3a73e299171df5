namespace SafeCampus.Web.Domain;

public enum IncidentKind
{
    Injury = 1,
    Drowning = 2,
    Fire = 3,
    FoodPoisoning = 4,
    Traffic = 5,
    Violence = 6,
    PublicHealth = 7,
    NaturalDisaster = 8,
    Other = 9,
}

/// <summary>事件等级: 一般, 较大, 重大, 特别重大. 较大 and above (or any death) also go to the city at once.</summary>
public enum IncidentLevel
{
    General = 1,
    Larger = 2,
    Major = 3,
    Extraordinary = 4,
}

public enum IncidentState
{
    Open = 1,
    Closed = 2,
}

public enum IncidentEntryKind
{
    Initial = 1,
    FollowUp = 2,
    Final = 3,
}

/// <summary>What a report says: when it happened and was known (instants), where, what, who was hurt, what was done.</summary>
public sealed record IncidentFacts(
    IncidentKind Kind, IncidentLevel Level, DateTimeOffset OccurredAt, DateTimeOffset KnownAt, string Place, string Summary,
    int Injured, int Dead, string Measures, string Reporter, string? ReporterPhone);

/// <summary>One version of the report: the first report (首报), each follow-up (续报), the final report (终报). Never changed.</summary>
public sealed record IncidentEntry(
    int Id, int Seq, IncidentEntryKind Kind, DateTimeOffset At, string ByUserId, string ByName, IncidentLevel Level, int Injured, int Dead,
    string Text, string? Measures);

/// <summary>
/// An incident or safety accident (突发事件/安全事故) reported up the tree at once, followed by follow-up reports as the
/// situation develops and closed with a final report; every version is kept. The minutes from knowing to reporting
/// are recorded and a report past the limit is late (迟报); a bureau records one it learned of elsewhere as unreported
/// (瞒报/漏报).
/// </summary>
public sealed class Incident : ITenantOwned, IAuditable
{
    public const int MaxPeople = 10_000;

    /// <summary>Kinds that are serious whatever their level: reported within <see cref="SeriousLimitMinutes"/>.</summary>
    public static readonly IReadOnlySet<IncidentKind> SeriousKinds = new HashSet<IncidentKind>
    {
        IncidentKind.Drowning, IncidentKind.Fire, IncidentKind.FoodPoisoning, IncidentKind.Traffic, IncidentKind.PublicHealth,
        IncidentKind.NaturalDisaster,
    };

    public const int SeriousLimitMinutes = 60;
    public const int OtherLimitMinutes = 24 * 60;

    private Incident() { }

    public Guid Id { get; private set; }
    public Guid? SchoolId { get; private set; }

    /// <summary>The county bureau of the school, or the reporting bureau itself.</summary>
    public Guid BureauId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public IncidentKind Kind { get; private set; }
    public IncidentLevel Level { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public DateTimeOffset KnownAt { get; private set; }
    public DateTimeOffset ReportedAt { get; private set; }
    public string Place { get; private set; } = "";
    public string Summary { get; private set; } = "";
    public int Injured { get; private set; }
    public int Dead { get; private set; }
    public string Measures { get; private set; } = "";
    public string Reporter { get; private set; } = "";
    public string? ReporterPhone { get; private set; }

    /// <summary>The limit that applied when reported, in minutes from knowing to reporting.</summary>
    public int LimitMinutes { get; private set; }
    public bool IsLate { get; private set; }

    /// <summary>Recorded by a bureau that learned of it elsewhere (瞒报/漏报): the school never reported it.</summary>
    public bool Unreported { get; private set; }
    public string? UnreportedNote { get; private set; }
    public IncidentState State { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>When the last version was reported: every append changes the row, so its version moves on.</summary>
    public DateTimeOffset LastReportedAt { get; private set; }
    public uint Version { get; private set; }
    public List<IncidentEntry> Entries { get; private set; } = [];

    public int MinutesToReport => (int)Math.Floor((ReportedAt - KnownAt).TotalMinutes);

    public static bool IsSerious(IncidentKind kind, IncidentLevel level, int dead) => SeriousKinds.Contains(kind) || level >= IncidentLevel.Larger || dead > 0;

    public static int LimitFor(IncidentKind kind, IncidentLevel level, int dead) => IsSerious(kind, level, dead) ? SeriousLimitMinutes : OtherLimitMinutes;

    /// <summary>Late when more than the limit passed between knowing and reporting (exactly the limit is on time).</summary>
    public static bool Late(DateTimeOffset knownAt, DateTimeOffset reportedAt, int limitMinutes) => reportedAt - knownAt > TimeSpan.FromMinutes(limitMinutes);

    /// <summary>A school's lead reports an incident of the school (首报).</summary>
    public static Incident Report(School school, IncidentFacts facts, EmergencyActor by, DateTimeOffset now)
    {
        if (!by.IsSchoolLead(school.Id))
        {
            throw new DomainException("Emergency.NotAllowed");
        }

        return Create(school.Id, school.BureauId, school.ScopePath, facts, by, now, unreported: null);
    }

    /// <summary>A bureau reports an incident of its own (no school) or of one of its schools; an unreported note marks 瞒报/漏报.</summary>
    public static Incident ReportByBureau(Bureau bureau, School? school, IncidentFacts facts, string? unreportedNote, EmergencyActor by, DateTimeOffset now)
    {
        if (!by.IsBureau || (school is not null && !school.ScopePath.StartsWith(bureau.Path, StringComparison.Ordinal)))
        {
            throw new DomainException("Emergency.BureauOnly");
        }

        if (unreportedNote is not null && school is null)
        {
            throw new DomainException("Emergency.UnreportedNeedsSchool");
        }

        return school is null
            ? Create(null, bureau.Id, bureau.Path, facts, by, now, null)
            : Create(school.Id, school.BureauId, school.ScopePath, facts, by, now, unreportedNote is null ? null : EmergencyRules.Required(unreportedNote, 500));
    }

    private static Incident Create(Guid? schoolId, Guid bureauId, string scopePath, IncidentFacts f, EmergencyActor by, DateTimeOffset now, string? unreported)
    {
        if (!Enum.IsDefined(f.Kind) || !Enum.IsDefined(f.Level))
        {
            throw new DomainException("Emergency.IncidentInvalid");
        }

        CheckTimes(f.OccurredAt, f.KnownAt, now);
        CheckPeople(f.Injured, f.Dead);
        var limit = LimitFor(f.Kind, f.Level, f.Dead);
        var incident = new Incident
        {
            Id = Guid.CreateVersion7(), SchoolId = schoolId, BureauId = bureauId, ScopePath = scopePath, Kind = f.Kind, Level = f.Level,
            OccurredAt = f.OccurredAt.ToUniversalTime(), KnownAt = f.KnownAt.ToUniversalTime(), ReportedAt = now.ToUniversalTime(),
            Place = EmergencyRules.Required(f.Place, 100), Summary = EmergencyRules.Required(f.Summary, 2000),
            Injured = f.Injured, Dead = f.Dead, Measures = EmergencyRules.Required(f.Measures, 2000),
            Reporter = EmergencyRules.Required(f.Reporter, 50), ReporterPhone = EmergencyRules.Optional(f.ReporterPhone, 30),
            LimitMinutes = limit, IsLate = unreported is null && Late(f.KnownAt, now, limit),
            Unreported = unreported is not null, UnreportedNote = unreported, State = IncidentState.Open, LastReportedAt = now.ToUniversalTime(),
        };
        incident.Entries.Add(new IncidentEntry(0, 1, IncidentEntryKind.Initial, now, by.UserId, by.Name, f.Level, f.Injured, f.Dead, incident.Summary, incident.Measures));
        return incident;
    }

    /// <summary>The times a report may carry: happened ≤ known ≤ reported (now), within the last year.</summary>
    public static void CheckTimes(DateTimeOffset occurredAt, DateTimeOffset knownAt, DateTimeOffset now)
    {
        if (occurredAt > now || knownAt > now)
        {
            throw new DomainException("Emergency.TimeInFuture");
        }

        if (knownAt < occurredAt)
        {
            throw new DomainException("Emergency.KnownBeforeOccurred");
        }

        if (occurredAt < now.AddYears(-1))
        {
            throw new DomainException("Emergency.TimeTooOld");
        }
    }

    private static void CheckPeople(int injured, int dead)
    {
        if (injured is < 0 or > MaxPeople || dead is < 0 or > MaxPeople)
        {
            throw new DomainException("Emergency.PeopleInvalid");
        }
    }

    /// <summary>Appends a follow-up (续报) or, with <paramref name="final"/>, the final report (终报) that closes it.</summary>
    public IncidentEntry Append(string text, IncidentLevel level, int injured, int dead, string? measures, bool final, EmergencyActor by, DateTimeOffset now)
    {
        RequireReporter(by);
        if (State == IncidentState.Closed)
        {
            throw new DomainException("Emergency.IncidentClosed");
        }

        if (!Enum.IsDefined(level))
        {
            throw new DomainException("Emergency.IncidentInvalid");
        }

        CheckPeople(injured, dead);
        var entry = new IncidentEntry(0, Entries.Count == 0 ? 1 : Entries.Max(e => e.Seq) + 1, final ? IncidentEntryKind.Final : IncidentEntryKind.FollowUp, now,
            by.UserId, by.Name, level, injured, dead, EmergencyRules.Required(text, 2000), EmergencyRules.Optional(measures, 2000));
        Entries.Add(entry);
        LastReportedAt = now.ToUniversalTime();
        Level = level;
        Injured = injured;
        Dead = dead;
        if (final)
        {
            State = IncidentState.Closed;
            ClosedAt = now;
        }

        return entry;
    }

    /// <summary>The school's leads report and follow up their school's incidents; bureau staff those of their subtree.</summary>
    public bool MayFollowUp(EmergencyActor by) => by.IsBureau || (SchoolId is { } s && by.IsSchoolLead(s));

    private void RequireReporter(EmergencyActor by)
    {
        if (!MayFollowUp(by))
        {
            throw new DomainException("Emergency.NotAllowed");
        }
    }
}
