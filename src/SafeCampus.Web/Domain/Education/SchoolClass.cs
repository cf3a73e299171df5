namespace SafeCampus.Web.Domain;

/// <summary>A class (班级) of a school, in a grade (年级; 小班/中班/大班 in a kindergarten). Lessons are recorded per class.</summary>
public sealed class SchoolClass : ITenantOwned, IAuditable
{
    private SchoolClass() { }

    public Guid Id { get; private set; }
    public Guid SchoolId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public string Grade { get; private set; } = "";
    public string Name { get; private set; } = "";
    public bool IsActive { get; private set; } = true;
    public DateTimeOffset CreatedAt { get; private set; }

    public static SchoolClass Create(School school, string grade, string name, DateTimeOffset now)
    {
        var g = grade?.Trim() ?? "";
        var n = name?.Trim() ?? "";
        if (g.Length is 0 or > 20 || n.Length is 0 or > 30)
        {
            throw new DomainException("Education.ClassInvalid");
        }

        return new SchoolClass { Id = Guid.CreateVersion7(), SchoolId = school.Id, ScopePath = school.ScopePath, Grade = g, Name = n, CreatedAt = now };
    }

    public void SetActive(bool active) => IsActive = active;

    private static readonly string[] GradeOrder =
    [
        "小班", "中班", "大班", "一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级", "高一", "高二", "高三",
    ];

    /// <summary>Classes in school order: grades from 小班 to 高三 (others after, by name), then 2班 before 10班.</summary>
    public static (int, string, int, string) SortKey(string grade, string name)
    {
        var g = Array.IndexOf(GradeOrder, grade);
        return (g < 0 ? GradeOrder.Length : g, grade, name.Length, name);
    }

    /// <summary>
    /// The grade a roster's class name implies: "七年级3班" → 七年级, "小(2)班" → 小班, "高一(5)班" → 高一, else the
    /// name without its number; 未分年级 when nothing is left.
    /// </summary>
    public static string GradeOf(string className)
    {
        var name = className.Trim();
        var i = name.IndexOf("年级", StringComparison.Ordinal);
        if (i > 0)
        {
            return name[..(i + 2)];
        }

        if (name.Length > 1 && name[0] is '小' or '中' or '大' && name.EndsWith('班') && !name.StartsWith("中学", StringComparison.Ordinal))
        {
            return name[0] + "班";
        }

        var cut = name.IndexOfAny(['(', '（', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
        var grade = cut > 0 ? name[..cut] : "";
        return grade.Length is > 0 and <= 20 ? grade : "未分年级";
    }
}
