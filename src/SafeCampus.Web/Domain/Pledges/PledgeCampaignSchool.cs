namespace SafeCampus.Web.Domain;

/// <summary>A school in a campaign's audience; records when the principal passed the next layer down (下发).</summary>
public sealed class PledgeCampaignSchool : ITenantOwned, IAuditable
{
    private PledgeCampaignSchool() { }

    public Guid Id { get; private set; }
    public Guid CampaignId { get; private set; }
    public Guid SchoolId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public DateTimeOffset? PassedOnAt { get; private set; }
    public string? PassedOnBy { get; private set; }

    public static PledgeCampaignSchool For(PledgeCampaign campaign, School school) =>
        school.ScopePath.StartsWith(campaign.ScopePath, StringComparison.Ordinal)
            ? new PledgeCampaignSchool { Id = Guid.CreateVersion7(), CampaignId = campaign.Id, SchoolId = school.Id, ScopePath = school.ScopePath }
            : throw new DomainException("Pledges.SchoolOutsideBureau");

    public void MarkPassedOn(string? by, DateTimeOffset now)
    {
        PassedOnAt ??= now;
        PassedOnBy ??= by;
    }
}
