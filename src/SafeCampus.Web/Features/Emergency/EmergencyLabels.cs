using System.Globalization;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Infrastructure;

namespace SafeCampus.Web.Features.Emergency;

/// <summary>The Chinese words and chip tones of warnings and incidents.</summary>
public static class EmergencyLabels
{
    public static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>An instant as a datetime-local value in China time.</summary>
    public static string Local(DateTimeOffset? at) => at is { } a ? a.ToChina().ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) : "";

    public static string Kind(WarningKind k) => k switch
    {
        WarningKind.Weather => EmergencyText.WarningKindWeather,
        WarningKind.Drowning => EmergencyText.WarningKindDrowning,
        WarningKind.Epidemic => EmergencyText.WarningKindEpidemic,
        WarningKind.Traffic => EmergencyText.WarningKindTraffic,
        WarningKind.Fire => EmergencyText.WarningKindFire,
        WarningKind.PublicSecurity => EmergencyText.WarningKindSecurity,
        _ => EmergencyText.KindOther,
    };

    public static string Level(WarningLevel l) => l switch
    {
        WarningLevel.Blue => EmergencyText.LevelBlue,
        WarningLevel.Yellow => EmergencyText.LevelYellow,
        WarningLevel.Orange => EmergencyText.LevelOrange,
        _ => EmergencyText.LevelRed,
    };

    public static string Tone(WarningLevel l) => l switch
    {
        WarningLevel.Blue => "blue",
        WarningLevel.Yellow => "amber",
        WarningLevel.Orange => "orange",
        _ => "red",
    };

    public static string Kind(IncidentKind k) => k switch
    {
        IncidentKind.Injury => EmergencyText.IncidentKindInjury,
        IncidentKind.Drowning => EmergencyText.IncidentKindDrowning,
        IncidentKind.Fire => EmergencyText.IncidentKindFire,
        IncidentKind.FoodPoisoning => EmergencyText.IncidentKindFood,
        IncidentKind.Traffic => EmergencyText.IncidentKindTraffic,
        IncidentKind.Violence => EmergencyText.IncidentKindViolence,
        IncidentKind.PublicHealth => EmergencyText.IncidentKindHealth,
        IncidentKind.NaturalDisaster => EmergencyText.IncidentKindDisaster,
        _ => EmergencyText.KindOther,
    };

    public static string Level(IncidentLevel l) => l switch
    {
        IncidentLevel.General => EmergencyText.IncidentLevelGeneral,
        IncidentLevel.Larger => EmergencyText.IncidentLevelLarger,
        IncidentLevel.Major => EmergencyText.IncidentLevelMajor,
        _ => EmergencyText.IncidentLevelExtraordinary,
    };

    public static string EntryKind(IncidentEntryKind k) => k switch
    {
        IncidentEntryKind.Initial => EmergencyText.EntryInitial,
        IncidentEntryKind.FollowUp => EmergencyText.EntryFollowUp,
        _ => EmergencyText.EntryFinal,
    };

    public static string State(ActivityState s) => s switch
    {
        ActivityState.Submitted => EmergencyText.ActivityStateSubmitted,
        ActivityState.Approved => EmergencyText.ActivityStateApproved,
        ActivityState.Returned => EmergencyText.ActivityStateReturned,
        _ => EmergencyText.ActivityStateDone,
    };

    public static string Tone(ActivityState s) => s switch
    {
        ActivityState.Submitted => "amber",
        ActivityState.Approved => "blue",
        ActivityState.Returned => "red",
        _ => "green",
    };

    public static string Kind(DutyShiftKind k) => k == DutyShiftKind.Day ? EmergencyText.DutyDay : EmergencyText.DutyNight;

    public static string State(IncidentState s) => s == IncidentState.Open ? EmergencyText.StateOpen : EmergencyText.StateClosed;

    /// <summary>"1 小时 5 分" style duration for the minutes from one time to another.</summary>
    public static string Minutes(int minutes)
    {
        var c = CultureInfo.CurrentCulture;
        return minutes < 60 ? string.Format(c, EmergencyText.DurationMinutes, minutes)
            : minutes < 24 * 60 ? string.Format(c, EmergencyText.DurationHours, minutes / 60, minutes % 60)
            : string.Format(c, EmergencyText.DurationDays, minutes / (24 * 60), minutes % (24 * 60) / 60);
    }

    /// <summary>The message of a broken rule: this capability's codes from its own resources, others from the domain's.</summary>
    public static string Message(DomainException ex) =>
        ex.Code.StartsWith("Emergency.", StringComparison.Ordinal)
            ? EmergencyText.ResourceManager.GetString("Error_" + ex.Code["Emergency.".Length..], EmergencyText.Culture) ?? ex.Code
            : ex.LocalizedMessage();

    /// <summary>A datetime-local value ("yyyy-MM-ddTHH:mm", seconds optional) read as China time.</summary>
    public static DateTimeOffset? ParseLocal(string? raw)
    {
        string[] formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"];
        return DateTime.TryParseExact(raw?.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, TimeSpan.FromHours(8)).ToUniversalTime()
            : null;
    }
}
