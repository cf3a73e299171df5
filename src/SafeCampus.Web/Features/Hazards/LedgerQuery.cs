using System.Globalization;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Features.Hazards;

/// <summary>The ledger filter to and from the query string, shared by the list and its Excel export.</summary>
public static class LedgerQuery
{
    public static LedgerFilter Parse(Guid? school, string? area, string? grade, string? state, string? source, string? from, string? to, bool escalated, Guid? campaign = null) =>
        new(school, string.IsNullOrWhiteSpace(area) ? null : area,
            Enum.TryParse<HazardGrade>(grade, out var g) && Enum.IsDefined(g) ? g : null,
            string.IsNullOrWhiteSpace(state) ? null : state,
            Enum.TryParse<HazardSource>(source, out var s) && Enum.IsDefined(s) ? s : null,
            Date(from), Date(to), escalated, campaign);

    public static string Format(Guid? school, string? area, string? grade, string? state, string? source, string? from, string? to, bool escalated, int? page, Guid? campaign = null)
    {
        var parts = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add($"{key}={Uri.EscapeDataString(value)}");
            }
        }

        Add("school", school?.ToString());
        Add("area", area);
        Add("grade", grade);
        Add("state", state);
        Add("source", source);
        Add("from", from);
        Add("to", to);
        Add("escalated", escalated ? "true" : null);
        Add("campaign", campaign?.ToString());
        Add("page", page is > 1 ? page.Value.ToString(CultureInfo.InvariantCulture) : null);
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    private static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
