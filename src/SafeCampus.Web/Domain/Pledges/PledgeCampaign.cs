namespace SafeCampus.Web.Domain;

/// <summary>
/// A signing campaign (签订活动) a bureau launches for the schools of its subtree: the principal layer signs the
/// bureau's pledge; once signed, the principal passes the staff pledge and the parents' notice on. A campaign may
/// leave out a layer (e.g. a holiday notice goes to parents only).
/// </summary>
public sealed class PledgeCampaign : ITenantOwned, IAuditable
{
    private PledgeCampaign() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string SchoolYear { get; private set; } = "";
    public Guid? PrincipalVersionId { get; private set; }
    public Guid? StaffVersionId { get; private set; }
    public Guid? ParentVersionId { get; private set; }
    public DateOnly Deadline { get; private set; }

    /// <summary>Days before the deadline on which non-signers are reminded, e.g. "7,3,1".</summary>
    public string ReminderDays { get; private set; } = "";
    public int SchoolCount { get; private set; }
    public Guid? ScheduleId { get; private set; }
    public DateTimeOffset LaunchedAt { get; private set; }
    public string? LaunchedBy { get; private set; }

    public static PledgeCampaign Launch(Bureau bureau, PledgeCampaignSpec spec, string? by, DateTimeOffset now, DateOnly today)
    {
        spec.Validate(today);
        return new PledgeCampaign
        {
            Id = Guid.CreateVersion7(), BureauId = bureau.Id, ScopePath = bureau.Path, Title = spec.Title.Trim(), SchoolYear = spec.SchoolYear.Trim(),
            PrincipalVersionId = spec.Principal?.Id, StaffVersionId = spec.Staff?.Id, ParentVersionId = spec.Parent?.Id,
            Deadline = spec.Deadline, ReminderDays = string.Join(',', spec.Reminders.Distinct().OrderDescending()), ScheduleId = spec.ScheduleId,
            LaunchedAt = now, LaunchedBy = by,
        };
    }

    public void SetSchoolCount(int count) => SchoolCount = count;

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

    /// <summary>Receipt links and signing stay open to the end of the deadline day (China time) — the caller converts —
    /// unless the campaign was withdrawn.</summary>
    public bool IsOpen(DateOnly today) => !IsWithdrawn && today <= Deadline;

    public IReadOnlyList<int> Reminders =>
        ReminderDays.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).OrderDescending().ToList();
}

public sealed record PledgeCampaignSpec(
    string Title, string SchoolYear, PledgeTemplateVersion? Principal, PledgeTemplateVersion? Staff, PledgeTemplateVersion? Parent,
    DateOnly Deadline, IReadOnlyList<int> Reminders, Guid? ScheduleId = null)
{
    public void Validate(DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(Title) || Title.Trim().Length > 100)
        {
            throw new DomainException("Pledges.TitleInvalid");
        }

        if (string.IsNullOrWhiteSpace(SchoolYear) || SchoolYear.Trim().Length > 30)
        {
            throw new DomainException("Pledges.SchoolYearInvalid");
        }

        if (Principal is null && Staff is null && Parent is null)
        {
            throw new DomainException("Pledges.NoLayer");
        }

        if ((Principal is not null && PledgeKinds.LayerOf(Principal.Kind) != PledgeLayer.Principal)
            || (Staff is not null && PledgeKinds.LayerOf(Staff.Kind) != PledgeLayer.Staff)
            || (Parent is not null && PledgeKinds.LayerOf(Parent.Kind) != PledgeLayer.Parent))
        {
            throw new DomainException("Pledges.LayerMismatch");
        }

        if (Deadline < today || Deadline > today.AddYears(1))
        {
            throw new DomainException("Pledges.DeadlineInvalid");
        }

        if (Reminders.Any(d => d is < 0 or > 60) || Reminders.Count > 5)
        {
            throw new DomainException("Pledges.RemindersInvalid");
        }
    }
}
