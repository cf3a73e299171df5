namespace SafeCampus.Web.Domain;

/// <summary>
/// A bureau's safety-education settings (安全教育设置), inherited by the schools below it like drill rules: the term
/// calendar with holidays, the lesson topics schools choose from, and (in their own tables) the lesson requirements
/// (<see cref="LessonRule"/>) and the safety posts (<see cref="SafetyPost"/>). A school follows the nearest bureau
/// above it that has a row.
/// </summary>
public sealed class EducationSettings : ITenantOwned, IAuditable
{
    public const int MaxTopics = 60;

    private EducationSettings() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public string SpringTerm { get; private set; } = TermCalendar.DefaultSpring;
    public string AutumnTerm { get; private set; } = TermCalendar.DefaultAutumn;
    public string Holidays { get; private set; } = TermCalendar.DefaultHolidays;
    public List<string> Topics { get; private set; } = [];

    public static EducationSettings Create(Bureau bureau, IEnumerable<string> topics)
    {
        var s = new EducationSettings { Id = Guid.CreateVersion7(), BureauId = bureau.Id, ScopePath = bureau.Path };
        s.Update(TermCalendar.DefaultSpring, TermCalendar.DefaultAutumn, TermCalendar.DefaultHolidays, topics);
        return s;
    }

    public void Update(string spring, string autumn, string holidays, IEnumerable<string> topics)
    {
        if (!TermCalendar.IsValidTerm(spring, autumn: false) || !TermCalendar.IsValidTerm(autumn, autumn: true) || TermCalendar.ParseHolidays(holidays) is null)
        {
            throw new DomainException("Education.CalendarInvalid");
        }

        var list = topics.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (list.Count > MaxTopics || list.Any(t => t.Length > 60))
        {
            throw new DomainException("Education.TopicsInvalid");
        }

        SpringTerm = spring.Trim();
        AutumnTerm = autumn.Trim();
        Holidays = string.Join('\n', holidays.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
        Topics = list;
    }

    public Term TermFor(DateOnly date) => TermCalendar.For(date, SpringTerm, AutumnTerm, Holidays);
}
