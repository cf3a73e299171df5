namespace SafeCampus.Web.Domain;

/// <summary>A bureau's hazard rules for the schools below it; a school follows the nearest bureau that has a row.</summary>
public sealed class HazardSettings : ITenantOwned, IAuditable
{
    public const int DefaultSelfChecksPerMonth = 2;
    public const int DefaultBureauAlertDays = 3;

    private HazardSettings() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }
    public string ScopePath { get; private set; } = "";

    /// <summary>1 (monthly) or 2 (first and second half of the month).</summary>
    public int SelfChecksPerMonth { get; private set; } = DefaultSelfChecksPerMonth;

    /// <summary>Days past a rectification deadline after which the bureau is told.</summary>
    public int BureauAlertDays { get; private set; } = DefaultBureauAlertDays;

    /// <summary>The notice number's prefix, e.g. 青教安整; null = derived from the bureau's name.</summary>
    public string? NoticePrefix { get; private set; }

    public static HazardSettings Create(Bureau bureau)
    {
        return new HazardSettings { Id = Guid.CreateVersion7(), BureauId = bureau.Id, ScopePath = bureau.Path };
    }

    public void Update(int selfChecksPerMonth, int bureauAlertDays, string? noticePrefix)
    {
        if (selfChecksPerMonth is not (1 or 2) || bureauAlertDays is < 0 or > 90)
        {
            throw new DomainException("Hazards.SettingsInvalid");
        }

        if (noticePrefix is { } p && (p.Trim().Length > 12 || p.IndexOfAny(['〔', '〕']) >= 0))
        {
            throw new DomainException("Hazards.PrefixInvalid");
        }

        SelfChecksPerMonth = selfChecksPerMonth;
        BureauAlertDays = bureauAlertDays;
        NoticePrefix = string.IsNullOrWhiteSpace(noticePrefix) ? null : noticePrefix.Trim();
    }

    /// <summary>青山县教育局 → 青教安整: the first character of the place name, then 教安整.</summary>
    public static string DefaultPrefix(Bureau bureau) => (bureau.ShortName ?? bureau.Name)[..1] + "教安整";
}
