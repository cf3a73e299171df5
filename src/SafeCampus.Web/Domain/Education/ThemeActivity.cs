namespace SafeCampus.Web.Domain;

/// <summary>
/// A theme activity (主题教育活动) a bureau launches for its schools, for a theme day or week (安全教育日/周, seed 000 and
/// 003): what schools must do and by when. Every school below the bureau files what it did (<see cref="ThemeFiling"/>).
/// </summary>
public sealed class ThemeActivity : ITenantOwned, IAuditable
{
    private ThemeActivity() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public string BureauName { get; private set; } = "";
    public string Theme { get; private set; } = "";
    public string Instructions { get; private set; } = "";
    public DateOnly StartDate { get; private set; }
    public DateOnly Deadline { get; private set; }
    public string? CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static ThemeActivity Launch(Bureau bureau, string theme, string instructions, DateOnly start, DateOnly deadline, DateOnly today, string? by, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(theme) || theme.Trim().Length > 60)
        {
            throw new DomainException("Education.ThemeInvalid");
        }

        if (string.IsNullOrWhiteSpace(instructions) || instructions.Trim().Length > 2000)
        {
            throw new DomainException("Education.InstructionsInvalid");
        }

        if (deadline < start || deadline < today || start < today.AddYears(-1) || deadline > today.AddYears(1))
        {
            throw new DomainException("Education.ThemeDatesInvalid");
        }

        return new ThemeActivity
        {
            Id = Guid.CreateVersion7(), BureauId = bureau.Id, ScopePath = bureau.Path, BureauName = bureau.Name, Theme = theme.Trim(),
            Instructions = instructions.Trim(), StartDate = start, Deadline = deadline, CreatedBy = by, CreatedAt = now,
        };
    }
}
