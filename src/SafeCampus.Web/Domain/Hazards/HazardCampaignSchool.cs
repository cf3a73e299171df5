namespace SafeCampus.Web.Domain;

/// <summary>One school in a campaign; done once the school has answered the campaign's checklist.</summary>
public sealed class HazardCampaignSchool : ITenantOwned, IAuditable
{
    private HazardCampaignSchool() { }

    public Guid Id { get; private set; }
    public Guid CampaignId { get; private set; }
    public Guid SchoolId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public Guid? CheckId { get; private set; }
    public DateTimeOffset? DoneAt { get; private set; }

    public static HazardCampaignSchool For(HazardCampaign campaign, School school) =>
        school.ScopePath.StartsWith(campaign.ScopePath, StringComparison.Ordinal)
            ? new HazardCampaignSchool { Id = Guid.CreateVersion7(), CampaignId = campaign.Id, SchoolId = school.Id, ScopePath = school.ScopePath }
            : throw new DomainException("Hazards.SchoolOutsideBureau");

    /// <summary>Records the school's answer; a campaign is answered once.</summary>
    public void Complete(HazardCampaign campaign, SelfCheck check, DateOnly today)
    {
        if (CheckId is not null)
        {
            throw new DomainException("Hazards.CampaignAlreadyAnswered");
        }

        if (!campaign.HasStarted(today))
        {
            throw new DomainException("Hazards.CampaignNotStarted");
        }

        if (check.CampaignId != CampaignId || check.SchoolId != SchoolId)
        {
            throw new DomainException("Hazards.NotAllowed");
        }

        CheckId = check.Id;
        DoneAt = check.SubmittedAt;
    }
}
