using System.Globalization;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Features.Drills.Bureau;

/// <summary>Words for drill states, periods and requirements in the current UI culture (DrillsBureauText.resx).</summary>
public static class DrillLabels
{
    private static CultureInfo C => CultureInfo.CurrentCulture;

    private static string Text(string key) => DrillsBureauText.ResourceManager.GetString(key, DrillsBureauText.Culture) ?? key;

    public static string State(ComplianceState state) => Text($"State_{state}");

    /// <summary>One character for the narrow month cells; the page's legend explains each.</summary>
    public static string Abbreviation(ComplianceState state) => Text($"Abbr_{state}");

    public static string State(DrillState state) => Text($"Drill_{state}");

    public static string Tone(DrillState state) => state switch
    {
        DrillState.Scheduled => "blue",
        DrillState.Submitted => "amber",
        DrillState.Accepted => "green",
        DrillState.Returned => "orange",
        _ => "grey",
    };

    public static string Audience(DrillAudience audience) => Text($"Audience_{audience}");

    /// <summary>"2026年11月", "2026年第4季度", "2026年秋季学期", "2026年".</summary>
    public static string Period(PeriodRange period) => period.Kind switch
    {
        DrillPeriod.Month => string.Format(C, DrillsBureauText.PeriodMonth, period.Start.Year, period.Start.Month),
        DrillPeriod.Quarter => string.Format(C, DrillsBureauText.PeriodQuarter, period.Start.Year, (period.Start.Month - 1) / 3 + 1),
        DrillPeriod.Semester => string.Format(C, period.Start.Month == 2 ? DrillsBureauText.PeriodSpring : DrillsBureauText.PeriodAutumn, period.Start.Year),
        _ => string.Format(C, DrillsBureauText.PeriodYear, period.Start.Year),
    };

    /// <summary>"每月至少 1 次演练", "每学期至少 1 次消防疏散演练".</summary>
    public static string Rule(DrillRule rule, string? kindName) =>
        string.Format(C, DrillsBureauText.RuleText, Text($"Every_{rule.Period}"), rule.MinCount, kindName ?? "");

    /// <summary>The months a monthly rule counts, e.g. "3月、4月、5月、6月、9月、10月、11月、12月".</summary>
    public static string Months(DrillRule rule)
    {
        if (rule.Period != DrillPeriod.Month || rule.MonthsMask == DrillRule.AllMonths)
        {
            return DrillsBureauText.AllMonths;
        }

        var months = Enumerable.Range(1, 12).Where(m => (rule.MonthsMask & (1 << m)) != 0).Select(m => string.Format(C, DrillsBureauText.MonthN, m));
        return string.Join(DrillsBureauText.ListSeparator, months);
    }

    public static string Rate(decimal rate) => string.Format(C, DrillsBureauText.Rate, rate * 100m);

    /// <summary>"95.3 %（1,581/1,725）"; empty when there is nothing to divide by.</summary>
    public static string Rate(long part, long total) =>
        total > 0 ? string.Format(C, DrillsBureauText.RateWithCounts, Math.Round(part * 100m / total, 1), part, total) : "—";

    /// <summary>"3分25秒".</summary>
    public static string Duration(int? seconds) => seconds switch
    {
        null => "—",
        < 60 => string.Format(C, DrillsBureauText.DurationSeconds, seconds),
        { } s => string.Format(C, DrillsBureauText.Duration, s / 60, s % 60),
    };

    /// <summary>Parses a period key as made by <see cref="DrillPeriods"/>: "2026-11", "2026-Q4", "2026-S2", "2026".</summary>
    public static PeriodRange? ParsePeriod(string? key)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length < 4 || !int.TryParse(key.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2100)
        {
            return null;
        }

        var rest = key[4..];
        return rest switch
        {
            "" => DrillPeriods.Containing(DrillPeriod.Year, new DateOnly(year, 1, 1)),
            "-S1" => DrillPeriods.Containing(DrillPeriod.Semester, new DateOnly(year, 2, 1)),
            "-S2" => DrillPeriods.Containing(DrillPeriod.Semester, new DateOnly(year, 8, 1)),
            ['-', 'Q', var q] when q is >= '1' and <= '4' => DrillPeriods.Containing(DrillPeriod.Quarter, new DateOnly(year, (q - '1') * 3 + 1, 1)),
            ['-', var a, var b] when int.TryParse(rest.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12 && char.IsAsciiDigit(a) && char.IsAsciiDigit(b)
                => DrillPeriods.Containing(DrillPeriod.Month, new DateOnly(year, m, 1)),
            _ => null,
        };
    }
}
