namespace SafeCampus.Web.Domain;

/// <summary>
/// A recurring campaign (定期签订): launched by the scheduler every year on the given day — early May and early
/// September for the bus-safety and drowning-prevention pledge, the bureau's dates before the holidays.
/// </summary>
public sealed class PledgeSchedule : ITenantOwned, IAuditable
{
    private PledgeSchedule() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public string Title { get; private set; } = "";
    public Guid? PrincipalTemplateId { get; private set; }
    public Guid? StaffTemplateId { get; private set; }
    public Guid? ParentTemplateId { get; private set; }
    public int LaunchMonth { get; private set; }
    public int LaunchDay { get; private set; }
    public int DaysToDeadline { get; private set; }
    public string ReminderDays { get; private set; } = "";
    public int? LastLaunchedYear { get; private set; }
    public bool IsActive { get; private set; } = true;

    public static PledgeSchedule Create(Bureau bureau, string title, Guid? principal, Guid? staff, Guid? parent, int month, int day, int daysToDeadline, string reminderDays)
    {
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > 100)
        {
            throw new DomainException("Pledges.TitleInvalid");
        }

        if (principal is null && staff is null && parent is null)
        {
            throw new DomainException("Pledges.NoLayer");
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(2025, month) || daysToDeadline is < 1 or > 120)
        {
            throw new DomainException("Pledges.ScheduleInvalid");
        }

        return new PledgeSchedule
        {
            Id = Guid.CreateVersion7(), BureauId = bureau.Id, ScopePath = bureau.Path, Title = title.Trim(), PrincipalTemplateId = principal,
            StaffTemplateId = staff, ParentTemplateId = parent, LaunchMonth = month, LaunchDay = day, DaysToDeadline = daysToDeadline,
            ReminderDays = reminderDays,
        };
    }

    /// <summary>Due when this year's launch day has come (within the last 30 days) and it was not launched this year.</summary>
    public bool IsDue(DateOnly today)
    {
        var launch = new DateOnly(today.Year, LaunchMonth, LaunchDay);
        return IsActive && LastLaunchedYear != today.Year && today >= launch && today.DayNumber - launch.DayNumber <= 30;
    }

    public void MarkLaunched(int year) => LastLaunchedYear = year;

    public void SetActive(bool active) => IsActive = active;
}
