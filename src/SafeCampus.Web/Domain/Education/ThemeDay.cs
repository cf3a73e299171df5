namespace SafeCampus.Web.Domain;

/// <summary>A theme day or week a bureau adds to the national calendar (e.g. a province's 学校安全教育周), every year.</summary>
public sealed class ThemeDay : ITenantOwned, IAuditable
{
    private ThemeDay() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public string Name { get; private set; } = "";
    public int Month { get; private set; }
    public int Day { get; private set; }
    public int Days { get; private set; } = 1;

    public static ThemeDay Create(Bureau bureau, string name, int month, int day, int days)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 40)
        {
            throw new DomainException("Education.ThemeInvalid");
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(2025, month) || days is < 1 or > 31)
        {
            throw new DomainException("Education.ThemeDatesInvalid");
        }

        return new ThemeDay { Id = Guid.CreateVersion7(), BureauId = bureau.Id, ScopePath = bureau.Path, Name = name.Trim(), Month = month, Day = day, Days = days };
    }
}

/// <summary>One day or period of the theme calendar in a year.</summary>
public sealed record ThemeDate(string Name, DateOnly Start, DateOnly End, bool National);

/// <summary>The national safety-education days and weeks (seeds 000, 002, 003), computed for a year.</summary>
public static class ThemeCalendar
{
    public static IReadOnlyList<ThemeDate> National(int year)
    {
        var lastMondayOfMarch = new DateOnly(year, 3, 31);
        while (lastMondayOfMarch.DayOfWeek != DayOfWeek.Monday)
        {
            lastMondayOfMarch = lastMondayOfMarch.AddDays(-1);
        }

        ThemeDate Day(string name, int m, int d) => new(name, new DateOnly(year, m, d), new DateOnly(year, m, d), true);
        return
        [
            new("全国中小学生安全教育日", lastMondayOfMarch, lastMondayOfMarch, true),
            Day("全民国家安全教育日", 4, 15),
            Day("全国防灾减灾日", 5, 12),
            new("安全生产月", new DateOnly(year, 6, 1), new DateOnly(year, 6, 30), true),
            Day("国际禁毒日", 6, 26),
            new("暑期防溺水安全教育周", new DateOnly(year, 7, 1), new DateOnly(year, 7, 7), true),
            Day("全国消防日", 11, 9),
            Day("全国交通安全日", 12, 2),
        ];
    }

    public static ThemeDate Of(ThemeDay day, int year)
    {
        var start = new DateOnly(year, day.Month, day.Day);
        return new ThemeDate(day.Name, start, start.AddDays(day.Days - 1), false);
    }
}
