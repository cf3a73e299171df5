using System.Globalization;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Drills.Bureau;

namespace SafeCampus.Web.Features.Education;

/// <summary>The words and formats of the education pages: roles, rates (the drills' one rate format), dates, chips.</summary>
public static class EducationWords
{
    private static CultureInfo C => CultureInfo.CurrentCulture;

    public static string Role(SafetyRole role) => EducationText.ResourceManager.GetString($"Role_{role}", EducationText.Culture) ?? role.ToString();

    public static string Audience(TrainingAudience audience) =>
        string.Join("、", Enum.GetValues<SafetyRole>().Where(r => (audience & (TrainingAudience)(1 << (int)r)) != 0).Select(Role));

    /// <summary>"95.3 %（1,581/1,725）", or "—" with nothing required.</summary>
    public static string Rate(long part, long total) => DrillLabels.Rate(part, total);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "—";

    public static string Term(string key) =>
        key.Length == 7 && int.TryParse(key[..4], out var y)
            ? string.Format(C, key[6] == '1' ? EducationText.TermSpring : EducationText.TermAutumn, y, y + 1)
            : key;

    /// <summary>The tone of a rate: green at 100 %, amber when something is missing, grey with nothing required.</summary>
    public static string Tone(int part, int total) => total == 0 ? "grey" : part >= total ? "green" : "amber";

    public static (string Text, string Tone) ClassState(ClassLessonFigures f, DateOnly today)
    {
        if (f.Behind)
        {
            return (EducationText.StateBehind, "red");
        }

        if (f.Current is not null && f.CurrentMissing > 0)
        {
            return (string.Format(C, EducationText.StateDue, Date(f.Current.End)), "amber");
        }

        return f.Required == 0 && f.Current is null ? (EducationText.StateNoRequirement, "grey") : (EducationText.StateDone, "green");
    }
}
