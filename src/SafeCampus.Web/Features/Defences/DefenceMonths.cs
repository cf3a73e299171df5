using System.Globalization;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Infrastructure;

namespace SafeCampus.Web.Features.Defences;

/// <summary>Months of the return as they appear in URLs ("2026-11") and on screen ("2026年11月").</summary>
public static class DefenceMonths
{
    public static DateOnly Current(TimeProvider clock) => DefenceReturn.FirstOfMonth(clock.Today());

    /// <summary>A month written yyyy-MM, between 2000 and 2100 (anything else is no month: the arithmetic on a month,
    /// such as a twelve-month trend, stays far from DateOnly's limits).</summary>
    public static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text?.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            && d.Year is >= 2000 and <= 2100 ? d : null;

    /// <summary>Whether a school's form for the month exists: this month or one of the three years before it.</summary>
    public static bool IsFileable(DateOnly? month, TimeProvider clock) =>
        month is { } m && m <= Current(clock) && m >= Current(clock).AddYears(-3);

    public static string Key(DateOnly month) => DefenceReturn.MonthKey(month);

    public static string Label(DateOnly month) =>
        string.Format(CultureInfo.CurrentCulture, DefencesText.MonthLabel, month.Year, month.Month);

    /// <summary>The month and the eleven before it, newest first.</summary>
    public static IEnumerable<DateOnly> LastTwelve(DateOnly month) => Enumerable.Range(0, 12).Select(i => month.AddMonths(-i));
}
