using System.Globalization;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Features.Drills.School;

/// <summary>Drill states, requirements and figures in words, in the shared vocabulary of states (UX.md).</summary>
public static class DrillWords
{
    private static CultureInfo C => CultureInfo.CurrentCulture;

    /// <summary>A scheduled drill whose day has come is "to file" (待备案); otherwise the state's own word.</summary>
    public static string StateName(DrillState state, DateOnly date, DateOnly today) => state switch
    {
        DrillState.Scheduled when date <= today => DrillsSchoolText.State_Due,
        DrillState.Scheduled => DrillsSchoolText.State_Scheduled,
        DrillState.Submitted => DrillsSchoolText.State_Submitted,
        DrillState.Accepted => DrillsSchoolText.State_Accepted,
        DrillState.Returned => DrillsSchoolText.State_Returned,
        _ => DrillsSchoolText.State_Cancelled,
    };

    public static string StateTone(DrillState state) => state switch
    {
        DrillState.Scheduled => "blue",
        DrillState.Submitted => "amber",
        DrillState.Accepted => "green",
        DrillState.Returned => "orange",
        _ => "grey",
    };

    public static string ComplianceName(ComplianceState state) => state switch
    {
        ComplianceState.NotScheduled => DrillsSchoolText.Compliance_NotScheduled,
        ComplianceState.Scheduled => DrillsSchoolText.Compliance_Scheduled,
        ComplianceState.AwaitingReview => DrillsSchoolText.Compliance_AwaitingReview,
        ComplianceState.Completed => DrillsSchoolText.Compliance_Completed,
        ComplianceState.Overdue => DrillsSchoolText.Compliance_Overdue,
        _ => DrillsSchoolText.Compliance_NotStarted,
    };

    /// <summary>"本学期消防疏散演练至少 1 次" with "已完成 0，待审核 0，已安排 1", and "本学期消防疏散演练" for the to-do list.</summary>
    public static RequirementLine Requirement(RuleStatus status, string? kindName)
    {
        var kind = kindName ?? DrillsSchoolText.AnyKind;
        var (title, shortTitle) = status.Rule.Period switch
        {
            DrillPeriod.Month => (DrillsSchoolText.Req_Month, DrillsSchoolText.ReqShort_Month),
            DrillPeriod.Quarter => (DrillsSchoolText.Req_Quarter, DrillsSchoolText.ReqShort_Quarter),
            DrillPeriod.Semester => (DrillsSchoolText.Req_Semester, DrillsSchoolText.ReqShort_Semester),
            _ => (DrillsSchoolText.Req_Year, DrillsSchoolText.ReqShort_Year),
        };
        var shortText = string.Format(C, shortTitle, kind);
        var missing = status.Required - status.Accepted - status.Submitted;
        if (status.Required > 1 && missing > 0)
        {
            shortText = string.Format(C, DrillsSchoolText.ReqShort_Count, shortText, status.Required, missing);
        }

        return new RequirementLine(status,
            string.Format(C, title, kind, status.Required),
            string.Format(C, DrillsSchoolText.Req_Reason, status.Accepted, status.Submitted, status.Scheduled),
            shortText);
    }

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string When(DateOnly date, TimeOnly? time) =>
        time is { } t ? $"{Date(date)} {t.ToString("HH:mm", CultureInfo.InvariantCulture)}" : Date(date);

    public static string Month(int year, int month) => string.Format(C, DrillsSchoolText.MonthTitle, year, month);

    public static string Evacuation(int seconds) => string.Format(C, DrillsSchoolText.EvacuationValue, seconds / 60, seconds % 60);

    /// <summary>"96.4%（1,350/1,400）": one decimal, always with the counts beside it.</summary>
    public static string Rate(decimal rate, int participants, int enrolled) =>
        string.Format(C, DrillsSchoolText.RateValue, (rate * 100).ToString("0.0", C), participants.ToString("N0", C), enrolled.ToString("N0", C));

    public static string Due(DateOnly due, DateOnly today)
    {
        var days = due.DayNumber - today.DayNumber;
        return days >= 0
            ? string.Format(C, DrillsSchoolText.DueIn, Date(due), days)
            : string.Format(C, DrillsSchoolText.DueOverdue, Date(due), -days);
    }
}
