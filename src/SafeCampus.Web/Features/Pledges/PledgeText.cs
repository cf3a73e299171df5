using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace SafeCampus.Web.Features.Pledges;

/// <summary>What fills a template's placeholders for one signer.</summary>
public sealed record PledgeContext(
    string BureauName, string SchoolName, string SchoolYear, DateOnly Deadline, string? SignerName = null, string? Post = null,
    string? ClassName = null, string? StudentGivenName = null);

/// <summary>
/// Template text: plain paragraphs separated by blank lines; a line starting with "# " is a heading; placeholders
/// in braces. <see cref="Render"/> gives the exact text a person reads and signs (its SHA-256 is what a signature
/// records); <see cref="ToHtml"/> shows it, HTML-encoded, with the same characters.
/// </summary>
public static class PledgeText
{
    public static readonly IReadOnlyList<string> Placeholders = ["{教育局}", "{学校}", "{学年}", "{截止日期}", "{签署人}", "{岗位}", "{班级}", "{学生}"];

    public static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Render(string body, PledgeContext c)
    {
        var sb = new StringBuilder(body);
        sb.Replace("{教育局}", c.BureauName)
            .Replace("{学校}", c.SchoolName)
            .Replace("{学年}", c.SchoolYear)
            .Replace("{截止日期}", c.Deadline.ToString("yyyy年M月d日", CultureInfo.InvariantCulture))
            .Replace("{签署人}", string.IsNullOrEmpty(c.SignerName) ? "________" : c.SignerName)
            .Replace("{岗位}", string.IsNullOrEmpty(c.Post) ? "________" : c.Post)
            .Replace("{班级}", string.IsNullOrEmpty(c.ClassName) ? "________" : c.ClassName)
            .Replace("{学生}", string.IsNullOrEmpty(c.StudentGivenName) ? "________" : c.StudentGivenName);
        return sb.ToString();
    }

    /// <summary>Paragraphs as &lt;p&gt;, "# " lines as &lt;h3&gt;, single line breaks as &lt;br&gt;; everything encoded.</summary>
    public static string ToHtml(string text, HtmlEncoder? encoder = null)
    {
        encoder ??= Encoder;
        var sb = new StringBuilder(text.Length + 256);
        foreach (var paragraph in text.Split("\n\n"))
        {
            if (paragraph.StartsWith("# ", StringComparison.Ordinal))
            {
                sb.Append("<h3>").Append(encoder.Encode(paragraph[2..].Trim())).Append("</h3>");
                continue;
            }

            sb.Append("<p>");
            var first = true;
            foreach (var line in paragraph.Split('\n'))
            {
                if (!first)
                {
                    sb.Append("<br>");
                }

                sb.Append(encoder.Encode(line));
                first = false;
            }

            sb.Append("</p>");
        }

        return sb.ToString();
    }
}
