using SafeCampus.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Drills;

namespace SafeCampus.Web.Features.Education;

/// <summary>The safety-education settings that govern a part of the tree, and the bureau that set them (null: built-in defaults).</summary>
public sealed record EffectiveEducation(Guid? OwnerBureauId, string? OwnerPath, string SpringTerm, string AutumnTerm, string Holidays,
    IReadOnlyList<string> Topics, IReadOnlyList<LessonRule> Rules, IReadOnlyList<SafetyPost> Posts)
{
    public Term TermFor(DateOnly date) => TermCalendar.For(date, SpringTerm, AutumnTerm, Holidays);

    public LessonRule? RuleFor(SchoolKind kind, string grade) => LessonRule.For(Rules, kind, grade);
}

/// <summary>
/// Education settings are set by a bureau and inherited downwards, like drill rules: a school follows the nearest
/// bureau at or above it that has an <see cref="EducationSettings"/> row, with that bureau's lesson rules and posts.
/// Loaded in three queries; ancestors' rows are read past the tenant filter on purpose (they are the rules the school
/// is measured against), and only ancestors' rows and rows inside the scope.
/// </summary>
public sealed class EducationSettingsTree
{
    public static readonly EffectiveEducation Defaults = new(null, null, TermCalendar.DefaultSpring, TermCalendar.DefaultAutumn, TermCalendar.DefaultHolidays,
        EducationDefaults.Topics, [], []);

    private readonly List<EffectiveEducation> _owners;

    private EducationSettingsTree(List<EffectiveEducation> owners) => _owners = owners;

    public static async Task<EducationSettingsTree> LoadAsync(AppDbContext db, string scopePath, CancellationToken ct = default)
    {
        var ancestors = DrillSettings.AncestorPaths(scopePath);
        var settings = await db.EducationSettings.AcrossTenants().AsNoTracking()
            .Where(s => ancestors.Contains(s.ScopePath) || s.ScopePath.StartsWith(scopePath))
            .ToListAsync(ct);
        var ids = settings.Select(s => s.BureauId).ToList();
        var rules = await db.LessonRules.AcrossTenants().AsNoTracking().Where(r => ids.Contains(r.BureauId))
            .OrderBy(r => r.Audience).ThenBy(r => r.Grade).ToListAsync(ct);
        var posts = await db.SafetyPosts.AcrossTenants().AsNoTracking()
            .Where(p => ancestors.Contains(p.ScopePath) || p.ScopePath.StartsWith(scopePath))
            .OrderBy(p => p.SortOrder).ThenBy(p => p.Name).ToListAsync(ct);
        var owners = settings
            .Select(s => new EffectiveEducation(s.BureauId, s.ScopePath, s.SpringTerm, s.AutumnTerm, s.Holidays, s.Topics,
                rules.Where(r => r.BureauId == s.BureauId).ToList(), []))
            .OrderByDescending(o => o.OwnerPath!.Length)
            .ToList();
        var postOwners = posts.GroupBy(p => p.ScopePath).Select(g => (Path: g.Key, Posts: g.ToList())).OrderByDescending(g => g.Path.Length).ToList();
        return new EducationSettingsTree(owners, postOwners);
    }

    private readonly List<(string Path, List<SafetyPost> Posts)> _postOwners = [];

    private EducationSettingsTree(List<EffectiveEducation> owners, List<(string Path, List<SafetyPost> Posts)> postOwners)
        : this(owners) => _postOwners = postOwners;

    /// <summary>
    /// The settings of the nearest bureau at or above the path that has any; the posts, separately, of the nearest
    /// bureau that defined posts (a county taking over the calendar keeps its schools' post holders).
    /// </summary>
    public EffectiveEducation For(string scopePath)
    {
        var settings = _owners.FirstOrDefault(o => scopePath.StartsWith(o.OwnerPath!, StringComparison.Ordinal)) ?? Defaults;
        var posts = _postOwners.FirstOrDefault(o => scopePath.StartsWith(o.Path, StringComparison.Ordinal)).Posts ?? [];
        return settings with { Posts = posts.Where(p => p.IsActive).ToList() };
    }

    /// <summary>Every post of the bureau that owns the posts at the path, retired ones included (settings page).</summary>
    public List<SafetyPost> AllPostsFor(string scopePath) =>
        _postOwners.FirstOrDefault(o => scopePath.StartsWith(o.Path, StringComparison.Ordinal)).Posts ?? [];
}

/// <summary>
/// Defaults from the source documents: one safety lesson every two teaching weeks per class (seed 002: 生命与安全教育
/// 每两周1课时), the same for each kindergarten age group (editable per group), the topics the seeds name, and nine
/// safety administrator posts, each required.
/// </summary>
public static class EducationDefaults
{
    public static readonly IReadOnlyList<string> Topics =
    [
        "交通安全", "防溺水", "消防安全", "防震减灾", "防踩踏", "食品安全与卫生", "传染病预防", "用电安全", "校园防欺凌", "网络安全",
        "心理健康", "禁毒教育", "法治教育", "防拐骗与自我保护", "自然灾害避险", "急救常识", "崇尚科学 反对邪教", "假期安全",
    ];

    public static readonly IReadOnlyList<string> PostNames =
    [
        "校舍安全管理员", "交通安全管理员", "消防安全管理员", "防溺水安全管理员", "食品卫生安全管理员", "治安保卫管理员",
        "实验室与危化品管理员", "心理健康管理员", "网络与信息安全管理员",
    ];

    public static readonly IReadOnlyList<string> KindergartenGroups = ["小班", "中班", "大班"];

    public static (EducationSettings Settings, List<LessonRule> Rules, List<SafetyPost> Posts) For(Bureau bureau)
    {
        var settings = EducationSettings.Create(bureau, Topics);
        List<LessonRule> rules = [LessonRule.Create(bureau, LessonAudience.Schools, null, 2, 1)];
        rules.AddRange(KindergartenGroups.Select(g => LessonRule.Create(bureau, LessonAudience.Kindergartens, g, 2, 1)));
        rules.Add(LessonRule.Create(bureau, LessonAudience.Kindergartens, null, 2, 1));
        var posts = PostNames.Select((n, i) => SafetyPost.Create(bureau, n, i + 1)).ToList();
        return (settings, rules, posts);
    }
}
