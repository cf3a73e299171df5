using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Features.Education;

/// <summary>One requirement interval of a term (a fortnight by default): lessons held in [Start, End] count for it.</summary>
public sealed record LessonInterval(int Index, DateOnly Start, DateOnly End, int TeachingWeeks)
{
    public bool Contains(DateOnly date) => date >= Start && date <= End;
}

/// <summary>A class's lesson figures for a term up to a day.</summary>
public sealed record ClassLessonFigures(int Required, int Credited, int Held, LessonInterval? Current, int CurrentHeld, int PerInterval)
{
    /// <summary>Lessons still to hold in the current interval.</summary>
    public int CurrentMissing => Current is null ? 0 : Math.Max(0, PerInterval - CurrentHeld);

    public bool Behind => Credited < Required;
}

/// <summary>
/// The arithmetic of the lesson rate (开课率), pure and tested on its own.
/// <list type="bullet">
/// <item>A term is cut into Monday-to-Sunday weeks; a week is a teaching week when one of its weekdays inside the term
/// is not a holiday. Teaching weeks are grouped by the rule's interval (two by default); a week without teaching
/// belongs to the interval it falls in, so intervals cover the term without gaps. A last group shorter than the
/// interval joins the one before it (a term's odd last week asks for no extra lesson).</item>
/// <item>An interval is due once its last day has passed. Required = due intervals × lessons per interval; credited =
/// for each due interval, the lessons held in it up to the number required (a fortnight's surplus does not make up
/// for another's gap: the rhythm is "every two weeks").</item>
/// </list>
/// </summary>
public static class LessonMath
{
    public static List<LessonInterval> Intervals(Term term, int intervalWeeks)
    {
        var groups = new List<(DateOnly Start, DateOnly End, int Teaching)>();
        var monday = term.Start.AddDays(-(((int)term.Start.DayOfWeek + 6) % 7));
        DateOnly? start = null;
        var end = term.Start;
        var teaching = 0;
        for (var week = monday; week <= term.End; week = week.AddDays(7))
        {
            var from = week < term.Start ? term.Start : week;
            var to = week.AddDays(6) > term.End ? term.End : week.AddDays(6);
            start ??= from;
            end = to;
            var isTeaching = false;
            for (var d = from; d <= to; d = d.AddDays(1))
            {
                if (term.IsTeachingDay(d))
                {
                    isTeaching = true;
                    break;
                }
            }

            if (isTeaching && ++teaching == intervalWeeks)
            {
                groups.Add((start.Value, end, teaching));
                (start, teaching) = (null, 0);
            }
        }

        if (start is not null)
        {
            if (groups.Count > 0)
            {
                var last = groups[^1];
                groups[^1] = (last.Start, end, last.Teaching + teaching);
            }
            else if (teaching > 0)
            {
                groups.Add((start.Value, end, teaching));
            }
        }

        return groups.Select((g, i) => new LessonInterval(i + 1, g.Start, g.End, g.Teaching)).ToList();
    }

    /// <param name="lessonDates">The class's lessons in the term (one entry per lesson, a date may repeat).</param>
    /// <param name="asOf">Intervals that ended before this day are due; lessons after it are not counted.</param>
    public static ClassLessonFigures Figures(IReadOnlyList<LessonInterval> intervals, int perInterval, IEnumerable<DateOnly> lessonDates, DateOnly asOf)
    {
        var counts = new int[intervals.Count];
        var held = 0;
        foreach (var date in lessonDates)
        {
            if (date > asOf)
            {
                continue;
            }

            var i = intervals.FindIndex(x => x.Contains(date));
            if (i >= 0)
            {
                counts[i]++;
                held++;
            }
        }

        int required = 0, credited = 0;
        LessonInterval? current = null;
        var currentHeld = 0;
        for (var i = 0; i < intervals.Count; i++)
        {
            if (intervals[i].End < asOf)
            {
                required += perInterval;
                credited += Math.Min(counts[i], perInterval);
            }
            else if (intervals[i].Start <= asOf)
            {
                (current, currentHeld) = (intervals[i], counts[i]);
            }
        }

        return new ClassLessonFigures(required, credited, held, current, currentHeld, perInterval);
    }

    private static int FindIndex(this IReadOnlyList<LessonInterval> list, Predicate<LessonInterval> match)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (match(list[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
