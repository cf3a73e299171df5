using System.Globalization;

namespace SafeCampus.Web.Domain;

/// <summary>A holiday inside a term (国庆节, 劳动节 …): no lessons are required on its weekdays.</summary>
public sealed record Holiday(DateOnly Start, DateOnly End, string Name)
{
    public bool Contains(DateOnly date) => date >= Start && date <= End;
}

/// <summary>One school term (学期) with its holidays. <see cref="Key"/> is the drill semester's key ("2026-S2").</summary>
public sealed record Term(string Key, DateOnly Start, DateOnly End, IReadOnlyList<Holiday> Holidays)
{
    public bool Contains(DateOnly date) => date >= Start && date <= End;

    public bool IsHoliday(DateOnly date) => Holidays.Any(h => h.Contains(date));

    /// <summary>A weekday of the term that is not a holiday.</summary>
    public bool IsTeachingDay(DateOnly date) =>
        Contains(date) && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsHoliday(date);
}

/// <summary>
/// A bureau's term dates as month-day pairs that repeat every year: the spring term inside the spring semester
/// (1 Feb – 31 Jul), the autumn term inside the autumn semester (1 Aug – 31 Jan), and holidays as lines
/// "MM-dd~MM-dd 名称". Parsing refuses anything else (Education.CalendarInvalid).
/// </summary>
public static class TermCalendar
{
    public const string DefaultSpring = "03-01~07-10";
    public const string DefaultAutumn = "09-01~01-20";
    public const string DefaultHolidays = "04-04~04-06 清明节\n05-01~05-05 劳动节\n10-01~10-07 国庆节\n01-01~01-01 元旦";

    /// <summary>The term of the semester that contains the date (whether or not the date is inside the term).</summary>
    public static Term For(DateOnly date, string spring, string autumn, string holidays)
    {
        var autumnSemester = date.Month is 1 or >= 8;
        var year = date.Month == 1 ? date.Year - 1 : date.Year;
        var (start, end) = ParseRange(autumnSemester ? autumn : spring) ?? throw new DomainException("Education.CalendarInvalid");
        var s = new DateOnly(year, start.Month, start.Day);
        var e = new DateOnly(end.Month < start.Month ? year + 1 : year, end.Month, end.Day);
        var list = new List<Holiday>();
        foreach (var (hs, he, name) in ParseHolidays(holidays) ?? throw new DomainException("Education.CalendarInvalid"))
        {
            foreach (var y in new[] { year, year + 1 })
            {
                var a = new DateOnly(y, hs.Month, hs.Day);
                var b = new DateOnly(he.Month < hs.Month ? y + 1 : y, he.Month, he.Day);
                if (b >= s && a <= e)
                {
                    list.Add(new Holiday(a, b, name));
                }
            }
        }

        return new Term($"{year}-S{(autumnSemester ? 2 : 1)}", s, e, list);
    }

    /// <summary>True when the term range lies inside its semester and has at least four weeks.</summary>
    public static bool IsValidTerm(string? range, bool autumn)
    {
        if (ParseRange(range) is not var (start, end))
        {
            return false;
        }

        var year = 2025; // not a leap year: 02-29 is refused, as it does not exist every year
        var s = new DateOnly(year, start.Month, start.Day);
        var e = new DateOnly(end.Month < start.Month ? year + 1 : year, end.Month, end.Day);
        var (semStart, semEnd) = autumn ? (new DateOnly(year, 8, 1), new DateOnly(year + 1, 1, 31)) : (new DateOnly(year, 2, 1), new DateOnly(year, 7, 31));
        return s >= semStart && e <= semEnd && e.DayNumber - s.DayNumber >= 27;
    }

    public static List<(MonthDay Start, MonthDay End, string Name)>? ParseHolidays(string? text)
    {
        var result = new List<(MonthDay, MonthDay, string)>();
        foreach (var raw in (text ?? "").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var range = space < 0 ? line : line[..space];
            var name = space < 0 ? "" : line[(space + 1)..].Trim();
            if (ParseRange(range) is not var (a, b) || name.Length > 20 || result.Count >= 20)
            {
                return null;
            }

            var days = (b.Month < a.Month ? 365 : 0) + new DateOnly(2025, b.Month, b.Day).DayOfYear - new DateOnly(2025, a.Month, a.Day).DayOfYear;
            if (days is < 0 or > 45)
            {
                return null;
            }

            result.Add((a, b, name.Length == 0 ? range : name));
        }

        return result;
    }

    public static (MonthDay Start, MonthDay End)? ParseRange(string? text)
    {
        var parts = (text ?? "").Trim().Split('~');
        return parts.Length == 2 && MonthDay.TryParse(parts[0], out var a) && MonthDay.TryParse(parts[1], out var b) ? (a, b) : null;
    }
}

/// <summary>A day of the year without the year ("10-01"); 02-29 is refused.</summary>
public readonly record struct MonthDay(int Month, int Day)
{
    public static bool TryParse(string? text, out MonthDay value)
    {
        value = default;
        var t = (text ?? "").Trim();
        if (t.Length != 5 || t[2] != '-' || !int.TryParse(t.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(t.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var d) || m is < 1 or > 12 || d < 1
            || d > DateTime.DaysInMonth(2025, m))
        {
            return false;
        }

        value = new MonthDay(m, d);
        return true;
    }

    public override string ToString() => $"{Month:00}-{Day:00}";
}
