namespace SafeCampus.Web.Domain;

public enum InspectionKind
{
    Bureau = 1,
    Campaign = 2,
    CrossSchool = 3,
}

/// <summary>An inspection of one school (检查) by a bureau team; its findings are hazards of the school.</summary>
public sealed class Inspection : ITenantOwned, IAuditable
{
    private Inspection() { }

    public Guid Id { get; private set; }
    public Guid SchoolId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public Guid BureauId { get; private set; }
    public InspectionKind Kind { get; private set; }

    /// <summary>The school whose team inspected, for a cross-school inspection (校际互查).</summary>
    public Guid? InspectorSchoolId { get; private set; }
    public DateOnly Date { get; private set; }
    public string Team { get; private set; } = "";
    public string? Summary { get; private set; }
    public string? CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static Inspection Record(School school, Bureau bureau, DateOnly date, string team, string? summary, HazardActor by, DateTimeOffset now, DateOnly today)
    {
        if (!by.IsBureau || !school.ScopePath.StartsWith(bureau.Path, StringComparison.Ordinal))
        {
            throw new DomainException("Hazards.BureauOnly");
        }

        return Create(school, bureau.Id, InspectionKind.Bureau, null, date, team, summary, by, now, today);
    }

    /// <summary>The inspecting school records its inspection of the assigned school, on or after the assignment, while it is open.</summary>
    public static Inspection RecordCrossSchool(CrossInspectionAssignment assignment, School target, DateOnly date, string team, string? summary,
        HazardActor by, DateTimeOffset now, DateOnly today)
    {
        assignment.RequireInspector(by);
        assignment.RequireOpen(today);
        if (target.Id != assignment.TargetSchoolId)
        {
            throw new DomainException("Hazards.NotAssigned");
        }

        if (assignment.InspectionId is not null)
        {
            throw new DomainException("Hazards.CrossAlreadyRecorded");
        }

        if (date < DateOnly.FromDateTime(assignment.CreatedAt.UtcDateTime).AddDays(-1))
        {
            throw new DomainException("Hazards.InspectionDateInvalid");
        }

        return Create(target, assignment.BureauId, InspectionKind.CrossSchool, assignment.InspectorSchoolId, date, team, summary, by, now, today);
    }

    private static Inspection Create(School school, Guid bureauId, InspectionKind kind, Guid? inspectorSchoolId, DateOnly date, string team,
        string? summary, HazardActor by, DateTimeOffset now, DateOnly today)
    {
        if (date > today || date < today.AddYears(-1))
        {
            throw new DomainException("Hazards.InspectionDateInvalid");
        }

        if (string.IsNullOrWhiteSpace(team) || team.Trim().Length > 200 || summary is { Length: > 2000 })
        {
            throw new DomainException("Hazards.TeamRequired");
        }

        return new Inspection
        {
            Id = Guid.CreateVersion7(), SchoolId = school.Id, ScopePath = school.ScopePath, BureauId = bureauId,
            Kind = kind, InspectorSchoolId = inspectorSchoolId, Date = date, Team = team.Trim(),
            Summary = string.IsNullOrWhiteSpace(summary) ? null : summary.Trim(), CreatedBy = by.Name, CreatedAt = now,
        };
    }
}
