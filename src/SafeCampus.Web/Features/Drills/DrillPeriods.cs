using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Features.Drills;

/// <summary>A concrete period a rule is checked over, e.g. 2026-11, 2026 Q4, 2026 autumn semester, 2026.</summary>
public sealed record PeriodRange(DrillPeriod Kind, DateOnly Start, DateOnly End, string Key)
{
    public bool Contains(DateOnly date) => date >= Start && date <= End;
}

/// <summary>
/// Calendar arithmetic for drill requirements. Semesters: spring (春季学期) 1 Feb – 31 Jul, autumn (秋季学期)
/// 1 Aug – 31 Jan of the next year; quarters and years are calendar ones.
/// </summary>
public static class DrillPeriods
{
    public static PeriodRange Containing(DrillPeriod kind, DateOnly date) => kind switch
    {
        DrillPeriod.Month => new(kind, new DateOnly(date.Year, date.Month, 1), new DateOnly(date.Year, date.Month, DateTime.DaysInMonth(date.Year, date.Month)), $"{date.Year}-{date.Month:00}"),
        DrillPeriod.Quarter => Quarter(date.Year, (date.Month - 1) / 3 + 1),
        DrillPeriod.Semester => Semester(date),
        DrillPeriod.Year => new(kind, new DateOnly(date.Year, 1, 1), new DateOnly(date.Year, 12, 31), $"{date.Year}"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Every period of the kind that overlaps [from, to], in order.</summary>
    public static IEnumerable<PeriodRange> Between(DrillPeriod kind, DateOnly from, DateOnly to)
    {
        for (var p = Containing(kind, from); p.Start <= to; p = Containing(kind, p.End.AddDays(1)))
        {
            yield return p;
        }
    }

    private static PeriodRange Quarter(int year, int q)
    {
        var start = new DateOnly(year, (q - 1) * 3 + 1, 1);
        return new(DrillPeriod.Quarter, start, start.AddMonths(3).AddDays(-1), $"{year}-Q{q}");
    }

    private static PeriodRange Semester(DateOnly date)
    {
        if (date.Month is >= 2 and <= 7)
        {
            return new(DrillPeriod.Semester, new DateOnly(date.Year, 2, 1), new DateOnly(date.Year, 7, 31), $"{date.Year}-S1");
        }

        var year = date.Month == 1 ? date.Year - 1 : date.Year;
        return new(DrillPeriod.Semester, new DateOnly(year, 8, 1), new DateOnly(year + 1, 1, 31), $"{year}-S2");
    }
}
