using System.Globalization;
using System.Text;
using SafeCampus.Web.Features.Drills;
using SafeCampus.Web.Features.Organisation;

namespace SafeCampus.Web.Features.Hazards;

/// <summary>Reading the hazard forms' dates, amounts and photos, with the field's Chinese message on failure.</summary>
public static class HazardForms
{
    public static DateOnly? Date(this FormErrors errors, string field, string label, string? raw)
    {
        if (DateOnly.TryParseExact(raw?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }

        errors.Add(field, string.Format(CultureInfo.CurrentCulture, HazardsText.DateInvalid, label));
        return null;
    }

    /// <summary>An optional amount in yuan (full-width digits and separators accepted).</summary>
    public static decimal? Money(this FormErrors errors, string field, string label, string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var text = raw.Normalize(NormalizationForm.FormKC).Trim().TrimEnd('元').Trim();
        if (decimal.TryParse(text, NumberStyles.AllowThousands | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v)
            && v >= 0 && v <= Domain.Hazard.MaxFunding && decimal.Round(v, 2) == v)
        {
            return v;
        }

        errors.Add(field, string.Format(CultureInfo.CurrentCulture, HazardsText.MoneyInvalid, label));
        return null;
    }

    /// <summary>The files posted under the field name (empty file inputs skipped). Dispose the streams after use.</summary>
    public static List<Upload> Photos(HttpContext? http, string field) =>
        http?.Request.HasFormContentType == true
            ? http.Request.Form.Files.GetFiles(field).Where(f => f.Length > 0).Select(f => new Upload(f.OpenReadStream(), f.FileName)).ToList()
            : [];

    public static async Task DisposeAsync(IEnumerable<Upload> uploads)
    {
        foreach (var u in uploads)
        {
            await u.Content.DisposeAsync();
        }
    }
}
