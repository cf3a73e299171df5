using System.Text;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Features.Organisation.Import;

public enum ImportColumn
{
    Name,
    Kind,
    County,
    Nature,
    Boarding,
    Students,
    Staff,
    Classes,
    District,
    Address,
}

/// <summary>
/// The import file format. Headers and cell values are Chinese whatever the UI language, because the files come
/// from and go back to Chinese spreadsheets; this vocabulary is part of the format, so it lives here rather than in
/// the resource files. Only messages about the file are localised (ImportText.resx).
/// </summary>
public static class ImportColumns
{
    /// <summary>The header written to templates, in template order, with the other spellings accepted on import.</summary>
    public static readonly IReadOnlyList<(ImportColumn Column, string Header, string[] Aliases)> All =
    [
        (ImportColumn.Name, "学校名称", ["学校名", "学校全称", "学校（幼儿园）名称", "单位名称"]),
        (ImportColumn.Kind, "学校类型", ["类型", "学校类别", "办学类型", "学段"]),
        (ImportColumn.County, "所属教育局", ["教育局", "所属县区", "所属县（区）", "县区", "县（区）"]),
        (ImportColumn.Nature, "办学性质", ["性质", "公办民办"]),
        (ImportColumn.Boarding, "是否寄宿", ["寄宿", "寄宿制", "是否寄宿制", "是否寄宿制学校"]),
        (ImportColumn.Students, "学生数", ["学生人数", "在校生数", "在校学生数", "幼儿数", "在园幼儿数"]),
        (ImportColumn.Staff, "教职工数", ["教职工人数", "教职员工数"]),
        (ImportColumn.Classes, "班级数", ["班数", "班级"]),
        (ImportColumn.District, "安全小区", ["所属安全小区", "小区", "片区"]),
        (ImportColumn.Address, "地址", ["学校地址", "详细地址"]),
    ];

    /// <summary>Columns people commonly keep in their lists that carry nothing to import; skipped silently.</summary>
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal) { "序号", "编号", "备注" };

    private static readonly Dictionary<string, ImportColumn> ByHeader = All
        .SelectMany(c => c.Aliases.Prepend(c.Header).Select(h => (Key: Normalise(h), c.Column)))
        .ToDictionary(x => x.Key, x => x.Column, StringComparer.Ordinal);

    /// <summary>
    /// School kinds by the words found in bureaus' lists. Decisions: 完全中学 (junior and senior sections under one
    /// roof) is filed as 高中, because the senior section, usually boarding and larger, is what the safety rules key
    /// on; 职业高中/中等职业学校/中专/技工学校 are all 职业学校; 十二年一贯制 and special schools (特殊教育学校) are not
    /// kinds of this platform and are rejected, so a bureau decides case by case instead of a silent guess.
    /// </summary>
    private static readonly Dictionary<string, SchoolKind> Kinds = new(StringComparer.Ordinal)
    {
        ["幼儿园"] = SchoolKind.Kindergarten,
        ["幼稚园"] = SchoolKind.Kindergarten,
        ["小学"] = SchoolKind.Primary,
        ["完全小学"] = SchoolKind.Primary,
        ["完小"] = SchoolKind.Primary,
        ["初中"] = SchoolKind.Junior,
        ["初级中学"] = SchoolKind.Junior,
        ["高中"] = SchoolKind.Senior,
        ["高级中学"] = SchoolKind.Senior,
        ["普通高中"] = SchoolKind.Senior,
        ["完全中学"] = SchoolKind.Senior,
        ["九年一贯制"] = SchoolKind.NineYear,
        ["九年一贯制学校"] = SchoolKind.NineYear,
        ["九年制学校"] = SchoolKind.NineYear,
        ["职业学校"] = SchoolKind.Vocational,
        ["职业高中"] = SchoolKind.Vocational,
        ["职高"] = SchoolKind.Vocational,
        ["中等职业学校"] = SchoolKind.Vocational,
        ["中职"] = SchoolKind.Vocational,
        ["中专"] = SchoolKind.Vocational,
        ["职业中专"] = SchoolKind.Vocational,
        ["职业技术学校"] = SchoolKind.Vocational,
        ["技工学校"] = SchoolKind.Vocational,
    };

    /// <summary>The canonical kind words, as listed in messages and the template.</summary>
    public static readonly IReadOnlyList<(SchoolKind Kind, string Word)> KindWords =
    [
        (SchoolKind.Kindergarten, "幼儿园"), (SchoolKind.Primary, "小学"), (SchoolKind.Junior, "初中"),
        (SchoolKind.Senior, "高中"), (SchoolKind.NineYear, "九年一贯制"), (SchoolKind.Vocational, "职业学校"),
    ];

    public const string Public = "公办";
    public const string Private = "民办";
    public const string Yes = "是";
    public const string No = "否";

    private static readonly Dictionary<string, bool> PrivateWords = new(StringComparer.OrdinalIgnoreCase)
    {
        [Public] = false, ["公立"] = false, [Private] = true, ["私立"] = true, ["民营"] = true,
    };

    private static readonly Dictionary<string, bool> YesNoWords = new(StringComparer.OrdinalIgnoreCase)
    {
        [Yes] = true, [No] = false, ["寄宿"] = true, ["寄宿制"] = true, ["走读"] = false, ["非寄宿"] = false,
        ["Y"] = true, ["N"] = false, ["TRUE"] = true, ["FALSE"] = false, ["√"] = true, ["×"] = false,
    };

    public static string HeaderOf(ImportColumn column) => All.First(c => c.Column == column).Header;

    /// <summary>Unknown headers give null; headers in <see cref="Ignored"/> give false.</summary>
    public static bool? TryMatchHeader(string header, out ImportColumn column)
    {
        var key = Normalise(header);
        if (ByHeader.TryGetValue(key, out column))
        {
            return true;
        }

        return Ignored.Contains(key) ? false : null;
    }

    public static SchoolKind? ParseKind(string value) => Kinds.TryGetValue(Normalise(value), out var k) ? k : null;

    public static bool? ParsePrivate(string value) => PrivateWords.TryGetValue(Normalise(value), out var b) ? b : null;

    public static bool? ParseYesNo(string value) => YesNoWords.TryGetValue(Normalise(value), out var b) ? b : null;

    /// <summary>
    /// Compatibility form without spaces, required-field marks or the bracket variants people type:
    /// "学生数 *", "学生数（必填）" and "学 生 数" all become "学生数"; full-width letters and digits become ASCII.
    /// </summary>
    public static string Normalise(string value)
    {
        var s = value.Normalize(NormalizationForm.FormKC);
        var b = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (!char.IsWhiteSpace(c) && c != '*')
            {
                b.Append(c);
            }
        }

        return b.ToString().Replace("(必填)", "", StringComparison.Ordinal).Replace("(选填)", "", StringComparison.Ordinal);
    }
}
