namespace SafeCampus.Web.Domain;

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
