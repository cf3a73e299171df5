using System.Globalization;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Features.Hazards;

/// <summary>Words and formats of the ledger, one vocabulary for screens, exports and the notice.</summary>
public static class HazardLabels
{
    private static CultureInfo C => CultureInfo.CurrentCulture;

    public static string State(HazardState state) => state switch
    {
        HazardState.Reported => HazardsText.StateReported,
        HazardState.Planned => HazardsText.StatePlanned,
        HazardState.Rectified => HazardsText.StateRectified,
        HazardState.Accepted => HazardsText.StateAccepted,
        HazardState.Returned => HazardsText.StateReturned,
        _ => "",
    };

    /// <summary>The state's word, or 已逾期 when the deadline has passed without rectification.</summary>
    public static string State(HazardState state, DateOnly? deadline, DateOnly today) =>
        IsOverdue(state, deadline, today) ? HazardsText.StateOverdue : State(state);

    public static string Tone(HazardState state, DateOnly? deadline, DateOnly today) =>
        IsOverdue(state, deadline, today) ? "red" : state switch
        {
            HazardState.Reported => "grey",
            HazardState.Planned => "blue",
            HazardState.Rectified => "amber",
            HazardState.Accepted => "green",
            HazardState.Returned => "orange",
            _ => "grey",
        };

    public static bool IsOverdue(HazardState state, DateOnly? deadline, DateOnly today) =>
        state is HazardState.Planned or HazardState.Returned && deadline < today;

    public static string Grade(HazardGrade grade) => grade == HazardGrade.Major ? HazardsText.GradeMajor : HazardsText.GradeGeneral;

    public static string Source(HazardSource source) => source switch
    {
        HazardSource.SelfCheck => HazardsText.SourceSelfCheck,
        HazardSource.BureauInspection => HazardsText.SourceInspection,
        HazardSource.Campaign => HazardsText.SourceCampaign,
        HazardSource.CrossSchool => HazardsText.SourceCrossSchool,
        HazardSource.Report => HazardsText.SourceReport,
        HazardSource.Drill => HazardsText.SourceDrill,
        _ => "",
    };

    public static string Action(HazardAction action) => action switch
    {
        HazardAction.Reported => HazardsText.ActionReported,
        HazardAction.Planned => HazardsText.ActionPlanned,
        HazardAction.Rectified => HazardsText.ActionRectified,
        HazardAction.Accepted => HazardsText.ActionAccepted,
        HazardAction.Returned => HazardsText.ActionReturned,
        HazardAction.Escalated => HazardsText.ActionEscalated,
        HazardAction.Supervised => HazardsText.ActionSupervised,
        HazardAction.NoticeIssued => HazardsText.ActionNoticeIssued,
        _ => "",
    };

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    public static string Money(decimal? yuan) => yuan is { } y ? string.Format(C, HazardsText.Yuan, y) : "—";

    /// <summary>"91.7 %（1,581/1,725）".</summary>
    public static string Rate(int part, int total) =>
        total > 0 ? string.Format(C, HazardsText.RateWithCounts, Math.Round(part * 100m / total, 1), part, total) : "—";

    public static string Days(double? days) => days is { } d ? string.Format(C, HazardsText.DaysValue, d) : "—";

    public static IEnumerable<(string Value, string Label)> StateOptions() =>
    [
        ("open", HazardsText.FilterOpen), ("overdue", HazardsText.StateOverdue),
        .. Enum.GetValues<HazardState>().Select(s => (s.ToString(), State(s))),
    ];
}
