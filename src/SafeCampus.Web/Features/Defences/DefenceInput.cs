using System.Globalization;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Features.Defences;

/// <summary>
/// The return's form fields as posted (<c>Input.Values[key]</c>), read the same way by the page and by
/// <see cref="DefenceReturnFastPath"/>: every field must be there and be a plain decimal number (invariant culture).
/// </summary>
public static class DefenceInput
{
    public const string FormName = "defence-return";

    public static string FieldName(string key) => $"Input.Values[{key}]";

    /// <summary>The values; <paramref name="errors"/> gets (field, message) for each field that is empty or not a number.</summary>
    public static Dictionary<string, decimal> Parse(Func<string, string?> raw, List<(string Field, string Message)> errors)
    {
        var values = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var f in DefenceFields.All)
        {
            var text = raw(f.Key)?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                errors.Add((f.Key, DomainText.Defences_ValueMissing));
            }
            else if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v))
            {
                errors.Add((f.Key, DefencesText.NotANumber));
            }
            else
            {
                values[f.Key] = v;
            }
        }

        return values;
    }
}
