using System.Globalization;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Features.Defences;

/// <summary>The words of the return: field, group, check and state names from DefencesText.</summary>
public static class DefenceLabels
{
    private static CultureInfo C => CultureInfo.CurrentCulture;

    public static string Field(string key) => DefencesText.ResourceManager.GetString("Field_" + key, DefencesText.Culture) ?? key;

    public static string ShortField(string key) => DefencesText.ResourceManager.GetString("Short_" + key, DefencesText.Culture) ?? key;

    public static string Group(DefenceGroup group) => group switch
    {
        DefenceGroup.Human => DefencesText.Group_Human,
        DefenceGroup.Physical => DefencesText.Group_Physical,
        _ => DefencesText.Group_Technical,
    };

    public static string Check(DefenceCheck check, DefenceStandard s) => check switch
    {
        DefenceCheck.GuardsPerGate => string.Format(C, DefencesText.Check_GuardsPerGate, s.GuardsPerGate),
        DefenceCheck.GuardRatio => string.Format(C, DefencesText.Check_GuardRatio, s.LargeSchoolThreshold, s.GuardPermille, s.BoardingGuardPermille),
        DefenceCheck.Wall => string.Format(C, DefencesText.Check_Wall, s.MinWallHeight.ToString("0.##", C)),
        DefenceCheck.Alarm => DefencesText.Check_Alarm,
        DefenceCheck.Cameras => DefencesText.Check_Cameras,
        _ => string.Format(C, DefencesText.Check_Video, s.MinVideoDays),
    };

    public static string CheckShort(DefenceCheck check) =>
        DefencesText.ResourceManager.GetString("CheckShort_" + check, DefencesText.Culture) ?? check.ToString();

    public static string State(DefenceReturnState? state) => state switch
    {
        DefenceReturnState.Draft => DefencesText.State_Draft,
        DefenceReturnState.Submitted => DefencesText.State_Submitted,
        DefenceReturnState.Confirmed => DefencesText.State_Confirmed,
        DefenceReturnState.Accepted => DefencesText.State_Accepted,
        DefenceReturnState.Returned => DefencesText.State_Returned,
        _ => DefencesText.State_Missing,
    };

    /// <summary>The shared state colours (docs/UX.md): draft blue, waiting amber, returned orange, accepted green, missing grey.</summary>
    public static string Tone(DefenceReturnState? state) => state switch
    {
        DefenceReturnState.Draft => "blue",
        DefenceReturnState.Submitted or DefenceReturnState.Confirmed => "amber",
        DefenceReturnState.Accepted => "green",
        DefenceReturnState.Returned => "orange",
        _ => "grey",
    };

    /// <summary>A value as the table and the form show it: yes/no as words, counts with separators, measures with decimals.</summary>
    public static string Value(DefenceField field, decimal? value) => value switch
    {
        null => "—",
        { } v when field.Type == DefenceFieldType.YesNo => v == 1 ? DefencesText.Yes : DefencesText.No,
        { } v when field.Type == DefenceFieldType.Measure => v.ToString("0.##", C),
        { } v => v.ToString("N0", C),
    };

    /// <summary>An aggregate as the statistics table shows it: yes/no fields count the schools with "yes".</summary>
    public static string Aggregate(DefenceField field, decimal? value) => value switch
    {
        null => "—",
        { } v when field.Type == DefenceFieldType.Measure => v.ToString("0.##", C),
        { } v => v.ToString("N0", C),
    };

    public static IEnumerable<DefenceCheck> Failed(DefenceCheck failed) => DefenceStandard.Checks.Where(c => failed.HasFlag(c));
}
