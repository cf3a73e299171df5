using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Drills.School;

/// <summary>
/// The token in a school's calendar subscription link: the school id and the school's link version, protected with the
/// app's data-protection keys (unguessable, bound to that school). Renewing the link (<see cref="Domain.School.RenewCalendarLink"/>)
/// revokes every earlier one; otherwise old links keep working while their key stays in the key ring.
/// </summary>
public sealed class DrillCalendarTokens(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("SafeCampus.Drills.Ical");

    public string For(Guid schoolId, int version) => _protector.Protect(Payload(schoolId, version));

    public bool IsValid(Guid schoolId, int version, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return false;
        }

        try
        {
            return _protector.Unprotect(token) == Payload(schoolId, version);
        }
        catch (CryptographicException)
        {
            return false;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    // Version 0 is the bare id, so links issued before versions existed stay valid until the first renewal.
    private static string Payload(Guid schoolId, int version) =>
        version == 0 ? schoolId.ToString("N") : $"{schoolId:N}.{version.ToString(CultureInfo.InvariantCulture)}";

    public static string Path(Guid schoolId, string token) => $"/drills/calendar/{schoolId}.ics?token={Uri.EscapeDataString(token)}";
}

/// <summary>GET /drills/calendar/{schoolId}.ics?token=…: the school's drills as an iCalendar feed (RFC 5545), anonymous.</summary>
public static class DrillCalendarFeed
{
    public static WebApplication MapDrillCalendar(this WebApplication app)
    {
        app.MapGet("/drills/calendar/{schoolId:guid}.ics", async (Guid schoolId, string? token, DrillCalendarTokens tokens, AppDbContext db,
            TenantScope scope, DrillSchoolQueries queries, TimeProvider clock, HttpContext http) =>
        {
            if (string.IsNullOrEmpty(token) || token.Length > 1000)
            {
                return Results.NotFound();
            }

            // Anonymous: a valid token stands for the school, so the feed reads in that school's scope and no wider.
            var school = await db.Schools.AcrossTenants().Where(s => s.Id == schoolId)
                .Select(s => new { s.Name, s.ScopePath, s.CalendarLinkVersion }).SingleOrDefaultAsync(http.RequestAborted);
            if (school is null || !tokens.IsValid(schoolId, school.CalendarLinkVersion, token))
            {
                return Results.NotFound();
            }

            scope.Set(school.ScopePath);
            var today = clock.Today();
            var (from, to) = (today.AddYears(-1), today.AddYears(1));
            var drills = await db.Drills
                .Where(d => d.SchoolId == schoolId && d.Date >= from && d.Date <= to && d.State != DrillState.Cancelled)
                .OrderBy(d => d.Date).ThenBy(d => d.StartTime)
                .Select(d => new { d.Id, d.Date, d.StartTime, d.KindId, d.Scenario, d.State, d.Location, d.Organiser, d.PlanText })
                .ToListAsync(http.RequestAborted);
            var kinds = await queries.KindNamesAsync(drills.Select(d => d.KindId), http.RequestAborted);
            var events = drills.Select(d => new CalendarEvent(
                new DrillRow(d.Id, d.Date, d.StartTime, d.KindId, kinds.GetValueOrDefault(d.KindId, ""), d.Scenario, d.State),
                d.Location, d.Organiser, d.PlanText)).ToList();
            var baseUrl = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
            var ics = ICalendar.Write(school.Name, events, baseUrl, clock.GetUtcNow(), today);
            http.Response.Headers.CacheControl = "private, max-age=900";
            return Results.Text(ics, "text/calendar; charset=utf-8");
        }).AllowAnonymous();
        return app;
    }
}

public sealed record CalendarEvent(DrillRow Drill, string? Location, string Organiser, string? PlanText);

/// <summary>Writes iCalendar text: CRLF line ends, TEXT values escaped, lines folded at 75 octets (RFC 5545 §3.1, §3.3.11).</summary>
public static class ICalendar
{
    private const string Zone = "Asia/Shanghai";

    public static string Write(string schoolName, IEnumerable<CalendarEvent> events, string baseUrl, DateTimeOffset now, DateOnly today)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        void Line(string text) => AppendFolded(sb, text);
        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//SafeCampus//Drills//ZH");
        Line("CALSCALE:GREGORIAN");
        Line("METHOD:PUBLISH");
        Line("X-WR-CALNAME:" + Escape(string.Format(CultureInfo.CurrentCulture, DrillsSchoolText.CalendarName, schoolName)));
        Line("X-WR-TIMEZONE:" + Zone);
        // China has kept UTC+8 without daylight saving since 1991: one STANDARD rule describes the zone.
        Line("BEGIN:VTIMEZONE");
        Line("TZID:" + Zone);
        Line("BEGIN:STANDARD");
        Line("DTSTART:19910915T000000");
        Line("TZOFFSETFROM:+0800");
        Line("TZOFFSETTO:+0800");
        Line("TZNAME:CST");
        Line("END:STANDARD");
        Line("END:VTIMEZONE");
        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", c);
        foreach (var e in events)
        {
            var d = e.Drill;
            Line("BEGIN:VEVENT");
            Line($"UID:{d.Id:N}@drills.safecampus");
            Line("DTSTAMP:" + stamp);
            if (d.StartTime is { } start)
            {
                var at = d.Date.ToDateTime(start);
                Line($"DTSTART;TZID={Zone}:{at.ToString("yyyyMMdd'T'HHmmss", c)}");
                Line($"DTEND;TZID={Zone}:{at.AddHours(1).ToString("yyyyMMdd'T'HHmmss", c)}");
            }
            else
            {
                Line("DTSTART;VALUE=DATE:" + d.Date.ToString("yyyyMMdd", c));
                Line("DTEND;VALUE=DATE:" + d.Date.AddDays(1).ToString("yyyyMMdd", c));
            }

            Line("SUMMARY:" + Escape(string.Format(CultureInfo.CurrentCulture, DrillsSchoolText.EventSummary, d.KindName, d.Scenario)));
            if (!string.IsNullOrWhiteSpace(e.Location))
            {
                Line("LOCATION:" + Escape(e.Location));
            }

            var description = new StringBuilder()
                .Append(string.Format(CultureInfo.CurrentCulture, DrillsSchoolText.EventOrganiser, e.Organiser)).Append('\n')
                .Append(string.Format(CultureInfo.CurrentCulture, DrillsSchoolText.EventState, DrillWords.StateName(d.State, d.Date, today)));
            if (!string.IsNullOrWhiteSpace(e.PlanText))
            {
                description.Append("\n\n").Append(e.PlanText);
            }

            Line("DESCRIPTION:" + Escape(description.ToString()));
            Line("STATUS:CONFIRMED");
            Line("TRANSP:OPAQUE");
            Line($"URL:{baseUrl}/drills/{d.Id}");
            Line("END:VEVENT");
        }

        Line("END:VCALENDAR");
        return sb.ToString();
    }

    /// <summary>Backslash, semicolon, comma and line breaks escaped as TEXT values require.</summary>
    public static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal).Replace("\r\n", "\\n", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\n", StringComparison.Ordinal);

    /// <summary>
    /// Appends a content line, folded so no line exceeds 75 octets of UTF-8 (the leading space of a continuation
    /// line counts), never splitting a character, and ends every line with CRLF.
    /// </summary>
    public static void AppendFolded(StringBuilder sb, string line)
    {
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > 75)
            {
                sb.Append("\r\n ");
                octets = 1;
            }

            sb.Append(rune.ToString());
            octets += size;
        }

        sb.Append("\r\n");
    }
}
