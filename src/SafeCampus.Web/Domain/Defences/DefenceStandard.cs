namespace SafeCampus.Web.Domain;

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
