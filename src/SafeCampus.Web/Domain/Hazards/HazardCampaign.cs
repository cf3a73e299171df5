namespace SafeCampus.Web.Domain;

/// <summary>Which schools a special campaign covers: every school in the bureau's subtree, those of one kind, or a pick.</summary>
public enum CampaignScope
{
    All = 1,
    Kind = 2,
    Picked = 3,
}

/// <summary>
/// A special campaign (专项检查/专项整治), e.g. 冬春防火专项检查: a bureau asks schools of its subtree to work through one
/// checklist between two dates. Each school answers once, like a self-check; its "hazard" answers become hazards of
/// source campaign, which the bureau accepts.
/// </summary>
public sealed class HazardCampaign : ITenantOwned, IAuditable
{
    private HazardCampaign() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public string Name { get; private set; } = "";
    public Guid TemplateId { get; private set; }
    public CampaignScope Audience { get; private set; }
    public SchoolKind? Kind { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    public int SchoolCount { get; private set; }
    public string? CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static HazardCampaign Create(Bureau bureau, string name, ChecklistTemplate template, CampaignScope audience, SchoolKind? kind,
        DateOnly startsOn, DateOnly endsOn, HazardActor by, DateTimeOffset now, DateOnly today)
    {
        if (!by.IsBureau)
        {
            throw new DomainException("Hazards.BureauOnly");
        }

        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 60)
        {
            throw new DomainException("Hazards.CampaignNameInvalid");
        }

        // The bureau's own checklists and those it inherits from above.
        if (!bureau.Path.StartsWith(template.ScopePath, StringComparison.Ordinal))
        {
            throw new DomainException("Hazards.CampaignChecklistInvalid");
        }

        if (endsOn < startsOn || endsOn < today || startsOn < today.AddYears(-1) || startsOn > today.AddYears(1)
            || endsOn > startsOn.AddYears(1))
        {
            throw new DomainException("Hazards.CampaignDatesInvalid");
        }

        if (!Enum.IsDefined(audience) || (audience == CampaignScope.Kind) != (kind is not null) || (kind is { } k && !Enum.IsDefined(k)))
        {
            throw new DomainException("Hazards.CampaignNoSchools");
        }

        return new HazardCampaign
        {
            Id = Guid.CreateVersion7(), BureauId = bureau.Id, ScopePath = bureau.Path, Name = name.Trim(), TemplateId = template.Id,
            Audience = audience, Kind = kind, StartsOn = startsOn, EndsOn = endsOn, CreatedBy = by.Name, CreatedAt = now,
        };
    }

    /// <summary>Adds the schools; all must lie in the bureau's subtree, and there must be at least one.</summary>
    public List<HazardCampaignSchool> Include(IReadOnlyCollection<School> schools)
    {
        if (schools.Count == 0)
        {
            throw new DomainException("Hazards.CampaignNoSchools");
        }

        var rows = schools.DistinctBy(s => s.Id).Select(s => HazardCampaignSchool.For(this, s)).ToList();
        SchoolCount = rows.Count;
        return rows;
    }

    /// <summary>Set when the issuing bureau withdrew the campaign (撤回, issued by mistake): schools no longer have it
    /// as a task; what was signed or filed stays readable.</summary>
    public DateTimeOffset? WithdrawnAt { get; private set; }
    public string? WithdrawnBy { get; private set; }
    public string? WithdrawReason { get; private set; }

    public bool IsWithdrawn => WithdrawnAt is not null;

    public void Withdraw(string? by, string reason, DateTimeOffset now)
    {
        WithdrawReason = Withdrawals.CheckedReason(IsWithdrawn, reason);
        WithdrawnAt = now;
        WithdrawnBy = by;
    }

    public bool HasStarted(DateOnly today) => today >= StartsOn;

    public bool IsOverdue(DateOnly today) => today > EndsOn;
}
