using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Features.Drills;
using SafeCampus.Web.Features.Drills.School;

namespace SafeCampus.Tests.Drills.SchoolSide;

/// <summary>The anonymous iCalendar feed of a school's drills, opened by the token in its subscription link.</summary>
public sealed class DrillCalendarFeedShould(DrillSchoolFixture app) : IClassFixture<DrillSchoolFixture>
{
    [Fact]
    public async Task ServeTheSchoolsDrillsToTheRightTokenAndNothingToAWrongOne()
    {
        app.Clock.Set(DrillSchoolFixture.Now);
        var timed = await app.ScheduleAsync("qs1z.director", new DateOnly(2026, 12, 3), "earthquake", "地震;疏散到操场,保持安静", new TimeOnly(9, 30));
        var allDay = await app.ScheduleAsync("qs1z.director", new DateOnly(2026, 12, 10), "fire", "宿舍楼起火");
        var cancelled = await app.ScheduleAsync("qs1z.director", new DateOnly(2026, 12, 11), "fire", "取消的演练");
        var otherSchool = await app.ScheduleAsync("qssx.director", new DateOnly(2026, 12, 4), "fire", "实验小学的演练");
        await using (var scope = await app.ScopeAsAsync("qs1z.director"))
        {
            await scope.ServiceProvider.GetRequiredService<DrillService>().CancelAsync(cancelled);
        }

        var client = await app.LoginAsync("qs1z.director");
        var page = await client.GetStringAsync("/drills");
        var link = System.Text.RegularExpressions.Regex.Match(page, "value=\"(http[^\"]+\\.ics\\?token=[^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(link), "the subscription link is on /drills");
        var path = new Uri(WebUtility.HtmlDecode(link)).PathAndQuery;

        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        var response = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var ics = await response.Content.ReadAsStringAsync();

        Assert.StartsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", ics, StringComparison.Ordinal);
        Assert.EndsWith("END:VCALENDAR\r\n", ics, StringComparison.Ordinal);
        Assert.DoesNotMatch("[^\r]\n", ics); // every line ends with CRLF
        Assert.All(ics.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, line));
        var unfolded = ics.Replace("\r\n ", "", StringComparison.Ordinal);
        Assert.Contains($"UID:{timed:N}@drills.safecampus", unfolded, StringComparison.Ordinal);
        Assert.Contains("DTSTART;TZID=Asia/Shanghai:20261203T093000", unfolded, StringComparison.Ordinal);
        Assert.Contains("BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai", unfolded, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:防震疏散演练：地震\\;疏散到操场\\,保持安静", unfolded, StringComparison.Ordinal);
        Assert.Contains($"UID:{allDay:N}@drills.safecampus", unfolded, StringComparison.Ordinal);
        Assert.Contains("DTSTART;VALUE=DATE:20261210\r\nDTEND;VALUE=DATE:20261211", unfolded, StringComparison.Ordinal);
        Assert.Contains("LOCATION:教学楼", unfolded, StringComparison.Ordinal);
        Assert.Contains("DESCRIPTION:组织人：孙国华\\n状态：已安排", unfolded, StringComparison.Ordinal);
        Assert.Contains("STATUS:CONFIRMED", unfolded, StringComparison.Ordinal);
        Assert.DoesNotContain(cancelled.ToString("N"), unfolded, StringComparison.Ordinal);
        Assert.DoesNotContain(otherSchool.ToString("N"), unfolded, StringComparison.Ordinal);

        var schoolId = Guid.Parse(path.Split('/')[3].Replace(".ics", "", StringComparison.Ordinal).Split('?')[0]);
        var tokens = app.Services.GetRequiredService<DrillCalendarTokens>();
        var otherSchoolId = await OtherSchoolIdAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/drills/calendar/{schoolId}.ics?token=wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/drills/calendar/{schoolId}.ics")).StatusCode);
        // A valid token of one school does not open another school's calendar.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(DrillCalendarTokens.Path(schoolId, tokens.For(otherSchoolId, 0)))).StatusCode);
    }

    [Fact]
    public async Task StopTheOldLinkWhenTheSchoolRenewsIt()
    {
        var director = await app.LoginAsync("qssx.director");
        var oldPath = LinkOn(await director.GetStringAsync("/drills"));
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(oldPath)).StatusCode);

        // Staff see the link but cannot renew it: the form is not on their page.
        var teacherPage = await (await app.LoginAsync("qs1z.teacher")).GetStringAsync("/drills");
        Assert.DoesNotContain("renew-calendar", teacherPage, StringComparison.Ordinal);

        var renewed = await director.PostFormAsync("/drills", "renew-calendar", []);
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        var html = await renewed.Content.ReadAsStringAsync();
        Assert.Contains("已生成新的订阅链接，旧链接已失效。", html, StringComparison.Ordinal);
        var newPath = LinkOn(html);
        Assert.NotEqual(oldPath, newPath);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(oldPath)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(newPath)).StatusCode);
        // The page shows a working link of the new version from now on (each rendering encrypts it afresh).
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(LinkOn(await director.GetStringAsync("/drills")))).StatusCode);
    }

    private static string LinkOn(string page)
    {
        var link = System.Text.RegularExpressions.Regex.Match(page, "value=\"(http[^\"]+\\.ics\\?token=[^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(link), "the subscription link is on /drills");
        return new Uri(WebUtility.HtmlDecode(link)).PathAndQuery;
    }

    [Fact]
    public void EscapeTextAndFoldLongLinesWithoutSplittingACharacter()
    {
        var sb = new StringBuilder();
        var value = "DESCRIPTION:" + ICalendar.Escape("第一行;分号,逗号\\反斜杠\n第二行" + new string('演', 40));
        ICalendar.AppendFolded(sb, value);
        var text = sb.ToString();

        Assert.Contains("第一行\\;分号\\,逗号\\\\反斜杠\\n第二行", text.Replace("\r\n ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var lines = text.Split("\r\n")[..^1];
        Assert.True(lines.Length > 1);
        Assert.All(lines, l => Assert.True(Encoding.UTF8.GetByteCount(l) <= 75));
        Assert.All(lines.Skip(1), l => Assert.StartsWith(" ", l, StringComparison.Ordinal));
        Assert.Equal(value, string.Concat(lines.Select((l, i) => i == 0 ? l : l[1..])));
    }

    private async Task<Guid> OtherSchoolIdAsync()
    {
        await using var db = app.SystemContext();
        return db.Schools.Single(s => s.Name == "青山县实验小学").Id;
    }
}
