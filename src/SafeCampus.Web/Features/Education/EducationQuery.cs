using System.Globalization;

namespace SafeCampus.Web.Features.Education;

/// <summary>Query-string values of the education pages, parsed leniently (a bad value falls back to the default).</summary>
public static class EducationQuery
{
    /// <summary>From/to dates, defaulting to the last 120 days up to today; at most two years apart.</summary>
    public static (DateOnly From, DateOnly To) Range(string? from, string? to, DateOnly today)
    {
        var t = Parse(to) ?? today;
        var f = Parse(from) ?? t.AddDays(-120);
        if (f > t || t.DayNumber - f.DayNumber > 731)
        {
            f = t.AddDays(-120);
        }

        return (f, t);
    }

    public static DateOnly? Parse(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public static int Year(int? year, DateOnly today) => year is >= 2000 and <= 2100 ? year.Value : today.Year;
}
