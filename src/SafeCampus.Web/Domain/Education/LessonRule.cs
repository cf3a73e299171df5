namespace SafeCampus.Web.Domain;

public enum LessonAudience
{
    /// <summary>Primary, middle, nine-year and vocational schools.</summary>
    Schools = 1,
    Kindergartens = 2,
}

/// <summary>
/// A lesson requirement (开课要求) a bureau sets: every class of the audience holds <see cref="Lessons"/> safety lessons
/// in every <see cref="IntervalWeeks"/> teaching weeks (seed 002: 每两周1课时). A rule with a grade (e.g. 小班 for a
/// kindergarten age group) overrides the audience's general rule for that grade's classes.
/// </summary>
public sealed class LessonRule : ITenantOwned, IAuditable
{
    private LessonRule() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public LessonAudience Audience { get; private set; }
    public string? Grade { get; private set; }
    public int IntervalWeeks { get; private set; }
    public int Lessons { get; private set; }

    public static LessonRule Create(Bureau bureau, LessonAudience audience, string? grade, int intervalWeeks, int lessons)
    {
        var rule = new LessonRule { Id = Guid.CreateVersion7(), BureauId = bureau.Id, ScopePath = bureau.Path };
        rule.Update(audience, grade, intervalWeeks, lessons);
        return rule;
    }

    public void Update(LessonAudience audience, string? grade, int intervalWeeks, int lessons)
    {
        if (!Enum.IsDefined(audience) || intervalWeeks is < 1 or > 8 || lessons is < 1 or > 10 || grade?.Trim().Length > 20)
        {
            throw new DomainException("Education.RuleInvalid");
        }

        Audience = audience;
        Grade = string.IsNullOrWhiteSpace(grade) ? null : grade.Trim();
        IntervalWeeks = intervalWeeks;
        Lessons = lessons;
    }

    public static LessonAudience AudienceOf(SchoolKind kind) => kind == SchoolKind.Kindergarten ? LessonAudience.Kindergartens : LessonAudience.Schools;

    /// <summary>The rule for a class: the audience's rule for its grade, else the audience's general rule, else none.</summary>
    public static LessonRule? For(IEnumerable<LessonRule> rules, SchoolKind kind, string grade)
    {
        var audience = rules.Where(r => r.Audience == AudienceOf(kind)).ToList();
        return audience.FirstOrDefault(r => r.Grade == grade) ?? audience.FirstOrDefault(r => r.Grade is null);
    }
}
