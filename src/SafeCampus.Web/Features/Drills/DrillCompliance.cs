using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Features.Drills;

/// <summary>Compliance states, in the shared vocabulary: 未开始, 未安排, 已安排, 待审核, 已完成, 已逾期.</summary>
public enum ComplianceState
{
    NotStarted = 0,
    NotScheduled = 1,
    Scheduled = 2,
    AwaitingReview = 3,
    Completed = 4,
    Overdue = 5,
}

/// <summary>
/// The facts of one drill that compliance needs, or of <paramref name="Count"/> drills with the same kind, state and
/// date (aggregated queries group by month: every period is whole months, so the first of the month stands in).
/// </summary>
public sealed record DrillFact(Guid KindId, DateOnly Date, DrillState State, int Count = 1);

/// <summary>One rule over one period for one school, with the counts behind the state.</summary>
public sealed record RuleStatus(DrillRule Rule, PeriodRange Period, ComplianceState State, int Accepted, int Submitted, int Scheduled)
{
    public int Required => Rule.MinCount;
}

/// <summary>
/// Pure compliance arithmetic: which state each requirement is in for a school and a period, and why. A drill counts
/// for a rule when its kind matches (or the rule takes any kind), its date lies in the period, and it is not
/// cancelled. Accepted drills complete a requirement; submitted ones make it "awaiting review"; scheduled or returned
/// ones make it "scheduled" until the period ends, when anything short of the count is overdue.
/// </summary>
public static class DrillCompliance
{
    public static IEnumerable<DrillRule> ApplicableRules(IEnumerable<DrillRule> rules, SchoolKind kind, bool boarding) =>
        rules.Where(r => r.IsActive && r.AppliesTo(kind, boarding));

    public static RuleStatus Evaluate(DrillRule rule, PeriodRange period, IEnumerable<DrillFact> drills, DateOnly today)
    {
        var counted = drills.Where(d => period.Contains(d.Date) && (rule.KindId is null || d.KindId == rule.KindId) && d.State != DrillState.Cancelled).ToList();
        var accepted = counted.Where(d => d.State == DrillState.Accepted).Sum(d => d.Count);
        var submitted = counted.Where(d => d.State == DrillState.Submitted).Sum(d => d.Count);
        var scheduled = counted.Where(d => d.State is DrillState.Scheduled or DrillState.Returned).Sum(d => d.Count);
        var state = accepted >= rule.MinCount ? ComplianceState.Completed
            : accepted + submitted >= rule.MinCount ? ComplianceState.AwaitingReview
            : today > period.End ? ComplianceState.Overdue
            : accepted + submitted + scheduled >= rule.MinCount ? ComplianceState.Scheduled
            : today < period.Start ? ComplianceState.NotStarted
            : ComplianceState.NotScheduled;
        return new RuleStatus(rule, period, state, accepted, submitted, scheduled);
    }

    /// <summary>Every (rule, period) status of a school for periods overlapping [from, to], monthly rules limited to their months.</summary>
    public static IReadOnlyList<RuleStatus> EvaluateSchool(IEnumerable<DrillRule> rules, SchoolKind kind, bool boarding,
        IReadOnlyCollection<DrillFact> drills, DateOnly from, DateOnly to, DateOnly today) =>
        ApplicableRules(rules, kind, boarding)
            .SelectMany(rule => DrillPeriods.Between(rule.Period, from, to)
                .Where(p => rule.CountsMonth(p.Start.Month))
                .Select(p => Evaluate(rule, p, drills, today)))
            .ToList();

    /// <summary>The worst state wins a cell of the matrix: overdue over not scheduled over scheduled, and so on.</summary>
    public static ComplianceState Worst(IEnumerable<ComplianceState> states)
    {
        var list = states.ToList();
        if (list.Count == 0)
        {
            return ComplianceState.NotStarted;
        }

        ComplianceState[] order = [ComplianceState.Overdue, ComplianceState.NotScheduled, ComplianceState.Scheduled,
            ComplianceState.AwaitingReview, ComplianceState.Completed, ComplianceState.NotStarted];
        return order.First(list.Contains);
    }

    public static string Tone(ComplianceState state) => state switch
    {
        ComplianceState.Completed => "green",
        ComplianceState.AwaitingReview => "amber",
        ComplianceState.Scheduled => "blue",
        ComplianceState.Overdue => "red",
        _ => "grey",
    };
}
