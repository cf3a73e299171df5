namespace SafeCampus.Web.Domain;

public enum CheckResult
{
    Ok = 1,
    Hazard = 2,
    NotApplicable = 3,
}

/// <summary>One self-check (自查) of a school in one period, answered item by item against a checklist version.</summary>
public sealed class SelfCheck : ITenantOwned, IAuditable
{
    private SelfCheck() { }

    public Guid Id { get; private set; }
    public Guid SchoolId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public Guid TemplateId { get; private set; }

    /// <summary>The special campaign this check answers; null for the periodic self-check.</summary>
    public Guid? CampaignId { get; private set; }
    public string PeriodKey { get; private set; } = "";
    public DateOnly Date { get; private set; }
    public string CheckedBy { get; private set; } = "";
    public string? CheckedByUserId { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }
    public int HazardCount { get; private set; }
    public List<SelfCheckAnswer> Answers { get; private set; } = [];

    /// <summary>The period key of every campaign check: campaign checks are told apart by <see cref="CampaignId"/>.</summary>
    public const string CampaignPeriodKey = "campaign";

    public static SelfCheck Submit(School school, ChecklistTemplate template, string periodKey, DateOnly date,
        IReadOnlyList<SelfCheckAnswer> answers, HazardActor by, DateTimeOffset now, Guid? campaignId = null)
    {
        if (by.SchoolId != school.Id || by.Role is not (UserRole.SafetyDirector or UserRole.Principal))
        {
            throw new DomainException("Hazards.NotAllowed");
        }

        var itemIds = template.Items.Select(i => i.Id).ToHashSet();
        if (answers.Count != itemIds.Count || !answers.Select(a => a.ItemId).ToHashSet().SetEquals(itemIds))
        {
            throw new DomainException("Hazards.SelfCheckIncomplete");
        }

        if (answers.Any(a => !Enum.IsDefined(a.Result)) || answers.Any(a => a.Note is { Length: > 500 }))
        {
            throw new DomainException("Hazards.SelfCheckIncomplete");
        }

        if (answers.Any(a => a.Result == CheckResult.Hazard && string.IsNullOrWhiteSpace(a.Note)))
        {
            throw new DomainException("Hazards.HazardNeedsNote");
        }

        return new SelfCheck
        {
            Id = Guid.CreateVersion7(), SchoolId = school.Id, ScopePath = school.ScopePath, TemplateId = template.Id,
            CampaignId = campaignId, PeriodKey = campaignId is null ? periodKey : CampaignPeriodKey, Date = date, CheckedBy = by.Name, CheckedByUserId = by.UserId, SubmittedAt = now,
            HazardCount = answers.Count(a => a.Result == CheckResult.Hazard), Answers = answers.ToList(),
        };
    }

    /// <summary>Records the hazard that a "hazard" answer created.</summary>
    public void LinkHazard(int itemId, Guid hazardId)
    {
        var i = Answers.FindIndex(a => a.ItemId == itemId && a.Result == CheckResult.Hazard);
        if (i < 0)
        {
            throw new DomainException("Hazards.SelfCheckIncomplete");
        }

        Answers[i] = Answers[i] with { HazardId = hazardId };
    }
}

public sealed record SelfCheckAnswer(int ItemId, CheckResult Result, string? Note, Guid? HazardId = null);
