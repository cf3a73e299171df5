using System.Globalization;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Features.Pledges;

/// <summary>Display words for pledge enums and figures, from PledgesText.</summary>
public static class PledgeWords
{
    public static string Post(StaffPost post) => Text($"Post_{post}") ?? post.ToString();

    public static string Kind(PledgeKind kind) => Text($"Kind_{kind}") ?? kind.ToString();

    public static string Layer(PledgeLayer layer) => Text($"Layer_{layer}") ?? layer.ToString();

    /// <summary>"91.7 %" with one decimal, or "—" when nothing is required.</summary>
    public static string Rate(int done, int total) =>
        total == 0 ? "—" : (Math.Floor(1000m * done / total) / 10m).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    public static string Counts(int done, int total) =>
        $"{done.ToString("N0", CultureInfo.CurrentCulture)}/{total.ToString("N0", CultureInfo.CurrentCulture)}";

    public static string Tone(int done, int total) => total == 0 ? "grey" : done == total ? "green" : done == 0 ? "red" : "amber";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Text(string key) => PledgesText.ResourceManager.GetString(key, PledgesText.Culture);
}
