using SafeCampus.Web.Features.Drills;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Features.Education;

public static class EducationTerms
{
    /// <summary>The current semester's key and the three before it, newest first.</summary>
    public static List<string> Recent(DateOnly today)
    {
        var list = new List<string>();
        var p = DrillPeriods.Containing(DrillPeriod.Semester, today);
        for (var i = 0; i < 4; i++)
        {
            list.Add(p.Key);
            p = DrillPeriods.Containing(DrillPeriod.Semester, p.Start.AddDays(-1));
        }

        return list;
    }
}
