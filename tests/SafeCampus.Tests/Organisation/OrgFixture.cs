using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Tests.Infrastructure;

namespace SafeCampus.Tests.Organisation;

/// <summary>The app on its own database with the demo city seeded, plus helpers to look at the database directly.</summary>
public class OrgFixture : AppFactory
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SeedDemoAsync();
    }

    public Task<Guid> SchoolIdAsync(string name) => QueryAsync(db => db.Schools.Where(s => s.Name == name).Select(s => s.Id).SingleAsync());

    public Task<Guid> BureauIdAsync(string name) => QueryAsync(db => db.Bureaus.Where(b => b.Name == name).Select(b => b.Id).SingleAsync());

    public Task<Guid> DistrictIdAsync(string name) => QueryAsync(db => db.SafetyDistricts.Where(d => d.Name == name).Select(d => d.Id).SingleAsync());

    public Task<string> UserIdAsync(string userName) => QueryAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
}

public static partial class Html
{
    /// <summary>The page's text with tags removed and entities decoded, for plain-text assertions.</summary>
    public static string Text(string html) => WebUtility.HtmlDecode(TagRegex().Replace(html, " "));

    /// <summary>Rows of the table with the given data-testid (0 when absent).</summary>
    public static int RowCount(string html, string testId)
    {
        var table = Regex.Match(html, $"<table[^>]*data-testid=\"{testId}\".*?</table>", RegexOptions.Singleline);
        return table.Success ? Regex.Count(Regex.Match(table.Value, "<tbody>.*?</tbody>", RegexOptions.Singleline).Value, "<tr[ >]") : 0;
    }

    /// <summary>Where a redirect points, as a local path and query (the header may be absolute).</summary>
    public static string RedirectPath(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"No redirect: {response.StatusCode}");
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    /// <summary>The one-time password shown on a result page.</summary>
    public static string OneTimePassword(string html)
    {
        var m = OtpRegex().Match(html);
        Assert.True(m.Success, "No one-time password on the page: " + Forms.ErrorText(html));
        return WebUtility.HtmlDecode(m.Groups[1].Value);
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagRegex();

    [GeneratedRegex("data-testid=\"otp\">([^<]+)<")]
    private static partial Regex OtpRegex();
}
