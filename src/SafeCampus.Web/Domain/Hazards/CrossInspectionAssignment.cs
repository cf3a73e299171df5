namespace SafeCampus.Web.Domain;

/// <summary>
/// A cross-school inspection (校际互查) the bureau assigns: the inspecting school's team inspects the target school by a
/// date. The row lives with the inspecting school (its to-do, its record of what it did); the inspection and its
/// findings live with the target school. Open until the inspecting school closes it or the due date passes.
/// </summary>
public sealed class CrossInspectionAssignment : ITenantOwned, IAuditable
{
    private CrossInspectionAssignment() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }

    /// <summary>The inspecting school's path: the assignment is the inspecting school's to see and act on.</summary>
    public string ScopePath { get; private set; } = "";
    public Guid InspectorSchoolId { get; private set; }
    public Guid TargetSchoolId { get; private set; }
    public DateOnly DueOn { get; private set; }
    public string? Note { get; private set; }
    public Guid? InspectionId { get; private set; }
    public int FindingCount { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static CrossInspectionAssignment Assign(Bureau bureau, School inspector, School target, DateOnly dueOn, string? note,
        HazardActor by, DateTimeOffset now, DateOnly today)
    {
        if (!by.IsBureau)
        {
            throw new DomainException("Hazards.BureauOnly");
        }

        if (!inspector.ScopePath.StartsWith(bureau.Path, StringComparison.Ordinal) || !target.ScopePath.StartsWith(bureau.Path, StringComparison.Ordinal))
        {
            throw new DomainException("Hazards.SchoolOutsideBureau");
        }

        if (inspector.Id == target.Id)
        {
            throw new DomainException("Hazards.CrossSameSchool");
        }

        if (dueOn < today || dueOn > today.AddYears(1))
        {
            throw new DomainException("Hazards.CrossDueInvalid");
        }

        if (note is { } n && n.Trim().Length > 500)
        {
            throw new DomainException("Hazards.TextTooLong");
        }

        return new CrossInspectionAssignment
        {
            Id = Guid.CreateVersion7(), BureauId = bureau.Id, ScopePath = inspector.ScopePath, InspectorSchoolId = inspector.Id,
            TargetSchoolId = target.Id, DueOn = dueOn, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), CreatedBy = by.Name, CreatedAt = now,
        };
    }

    public DateTimeOffset? WithdrawnAt { get; private set; }
    public string? WithdrawnBy { get; private set; }
    public string? WithdrawReason { get; private set; }

    public bool IsWithdrawn => WithdrawnAt is not null;

    public bool IsOpen(DateOnly today) => ClosedAt is null && WithdrawnAt is null && today <= DueOn;

    /// <summary>
    /// The bureau withdraws an assignment issued by mistake (wrong school, wrong date), with a reason, before the
    /// inspecting school has recorded its inspection; after that the inspection and its findings are the record, and the
    /// assignment is not withdrawn but closed by the school.
    /// </summary>
    public void Withdraw(HazardActor by, string reason, DateTimeOffset now)
    {
        if (!by.IsBureau)
        {
            throw new DomainException("Hazards.BureauOnly");
        }

        if (InspectionId is not null && !IsWithdrawn)
        {
            throw new DomainException("Hazards.CrossWithdrawRecorded");
        }

        WithdrawReason = Withdrawals.CheckedReason(IsWithdrawn, reason);
        WithdrawnAt = now;
        WithdrawnBy = by.Name;
    }

    public void RequireInspector(HazardActor by)
    {
        if (by.SchoolId != InspectorSchoolId || by.Role is not (UserRole.SafetyDirector or UserRole.Principal))
        {
            throw new DomainException("Hazards.NotAssigned");
        }
    }

    public void RequireOpen(DateOnly today)
    {
        if (!IsOpen(today))
        {
            throw new DomainException("Hazards.CrossClosed");
        }
    }

    public void Recorded(Inspection inspection)
    {
        if (InspectionId is not null || inspection.Kind != InspectionKind.CrossSchool || inspection.SchoolId != TargetSchoolId)
        {
            throw new DomainException("Hazards.CrossAlreadyRecorded");
        }

        InspectionId = inspection.Id;
    }

    public void FindingAdded() => FindingCount++;

    /// <summary>The inspecting school finishes: no more findings.</summary>
    public void Close(HazardActor by, DateTimeOffset now, DateOnly today)
    {
        RequireInspector(by);
        RequireOpen(today);
        if (InspectionId is null)
        {
            throw new DomainException("Hazards.CrossNotRecorded");
        }

        ClosedAt = now;
    }
}
