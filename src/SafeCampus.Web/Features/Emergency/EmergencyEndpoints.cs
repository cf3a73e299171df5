using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Infrastructure.Excel;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Emergency;

public static class EmergencyEndpoints
{
    /// <summary>
    /// GET /warnings.xlsx (the year's warnings with counts, and every school's copy), GET /incidents.xlsx (the filtered
    /// list and the statistics by county and kind), GET /warnings/{id}/files/{fileId} (an attachment, for the bureau's
    /// subtree and the schools the warning reached).
    /// </summary>
    public static WebApplication MapEmergencyEndpoints(this WebApplication app)
    {
        app.MapGet("/warnings.xlsx", async (int? year, WarningQueries queries, AppDbContext db, TenantScope scope, TimeProvider clock, HttpContext http) =>
            {
                if (scope.SchoolId is not null)
                {
                    return Results.NotFound();
                }

                var y = year is >= 2000 and <= 2100 ? year.Value : clock.Today().Year;
                var rows = await queries.BureauListAsync(y, http.RequestAborted);
                var ids = rows.Select(r => r.Id).ToList();
                // The copies in the caller's scope only (the tenant filter), with their school's name.
                var copies = await db.WarningRecipients.AsNoTracking().Where(r => ids.Contains(r.WarningId))
                    .Join(db.Schools, r => r.SchoolId, s => s.Id, (r, s) => new { r.WarningId, School = s.Name, r.ReadAt, r.ReadBy, r.RepliedAt, r.RepliedBy, r.ReplyText })
                    .ToListAsync(http.RequestAborted);
                var titles = rows.ToDictionary(r => r.Id, r => r.Title);
                var bytes = XlsxWriter.Write(WarningExport.List(rows), WarningExport.Copies(copies.OrderBy(c => titles[c.WarningId], StringComparer.Ordinal).ThenBy(c => c.School, StringComparer.Ordinal)
                    .Select(c => new WarningExport.CopyLine(titles[c.WarningId], c.School, c.ReadAt, c.ReadBy, c.RepliedAt, c.RepliedBy, c.ReplyText))));
                return Results.File(bytes, XlsxWriter.ContentType, string.Format(CultureInfo.CurrentCulture, EmergencyText.WarningsFileName, y));
            })
            .RequireAuthorization();

        app.MapGet("/incidents.xlsx", async (string? from, string? to, string? kind, Guid? county, bool? flagged, IncidentQueries queries, TimeProvider clock, HttpContext http) =>
            {
                var filter = IncidentFilter.Parse(from, to, kind, county, flagged == true);
                var rows = await queries.ListAsync(filter, http.RequestAborted);
                var stats = await queries.StatisticsAsync(filter, http.RequestAborted);
                var bytes = XlsxWriter.Write(IncidentExport.List(rows), IncidentExport.Statistics(stats));
                var name = string.Format(CultureInfo.CurrentCulture, EmergencyText.IncidentsFileName, clock.Today().ToString("yyyyMMdd", CultureInfo.InvariantCulture));
                return Results.File(bytes, XlsxWriter.ContentType, name);
            })
            .RequireAuthorization();

        app.MapGet("/activities.xlsx", async (ActivityService activities, TimeProvider clock, HttpContext http) =>
            {
                var rows = await activities.ListAsync(clock.Today().AddYears(-1), http.RequestAborted);
                var sheet = new XlsxSheet(EmergencyText.ActivitiesTitle,
                    [EmergencyText.ColNo, EmergencyText.School, EmergencyText.ActivityTitle, EmergencyText.ActivityDate, EmergencyText.ActivityPlace,
                     EmergencyText.ActivityPupils, EmergencyText.ActivityStaff, EmergencyText.ColState, EmergencyText.SubmittedAt],
                    rows.Select((r, i) => (IReadOnlyList<object?>)[i + 1, r.School, r.Title, r.Date, r.Place, r.Pupils, r.Staff, EmergencyLabels.State(r.State), China.Format(r.SubmittedAt)]),
                    [6, 28, 30, 12, 24, 8, 8, 10, 18]);
                var name = string.Format(CultureInfo.CurrentCulture, EmergencyText.ActivitiesFileName, clock.Today().ToString("yyyyMMdd", CultureInfo.InvariantCulture));
                return Results.File(XlsxWriter.Write(sheet), XlsxWriter.ContentType, name);
            })
            .RequireAuthorization();

        app.MapGet("/duty.xlsx", async (string? from, string? to, DutyService duty, TimeProvider clock, HttpContext http) =>
            {
                var today = clock.Today();
                var f = DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var a) ? a : today;
                var t = DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var b) && b >= f && b.DayNumber - f.DayNumber <= 366 ? b : f.AddDays(30);
                var rows = new List<IReadOnlyList<object?>>();
                for (var day = f; day <= t && rows.Count < 20_000; day = day.AddDays(1))
                {
                    foreach (var d in await duty.OnDutyAsync(day, http.RequestAborted))
                    {
                        rows.Add([day, d.Unit, EmergencyLabels.Kind(d.Kind), d.Person, d.Phone ?? "", d.Leader ?? "", d.Logged ? EmergencyText.DutyLogged : day <= today ? EmergencyText.DutyNotLogged : ""]);
                    }
                }

                var sheet = new XlsxSheet(EmergencyText.DutyTitle,
                    [EmergencyText.DutyDate, EmergencyText.Unit, EmergencyText.DutyKind, EmergencyText.DutyPerson, EmergencyText.ReporterPhone, EmergencyText.DutyLeader, EmergencyText.DutyLogState],
                    rows, [12, 28, 8, 12, 14, 12, 10]);
                var name = string.Format(CultureInfo.CurrentCulture, EmergencyText.DutyFileName, f.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
                return Results.File(XlsxWriter.Write(sheet), XlsxWriter.ContentType, name);
            })
            .RequireAuthorization();

        app.MapGet("/warnings/{id:guid}/files/{fileId:guid}", async (Guid id, Guid fileId, WarningService warnings, AppDbContext db, HttpContext http) =>
            {
                var warning = await warnings.VisibleWarningAsync(id, http.RequestAborted);
                if (warning is null || warning.Attachments.All(a => a.FileId != fileId))
                {
                    return Results.NotFound();
                }

                // The attachment is stored under the issuing bureau, above a school: read past the filter once the
                // warning is known to have reached the caller and the file to belong to it.
                var file = await db.StoredFiles.AcrossTenants().AsNoTracking().SingleAsync(f => f.Id == fileId, http.RequestAborted);
                http.Response.Headers.XContentTypeOptions = "nosniff";
                http.Response.Headers.CacheControl = "private, max-age=86400";
                var inline = file.ContentType.StartsWith("image/", StringComparison.Ordinal);
                return Results.File(file.Content, file.ContentType, inline ? null : file.FileName);
            })
            .RequireAuthorization();
        return app;
    }
}

public static class WarningExport
{
    public sealed record CopyLine(string Warning, string School, DateTimeOffset? ReadAt, string? ReadBy, DateTimeOffset? RepliedAt, string? RepliedBy, string? Reply);

    public static XlsxSheet List(IReadOnlyList<WarningRow> rows) =>
        new(EmergencyText.WarningsTitle,
            [EmergencyText.ColNo, EmergencyText.WarningTitle, EmergencyText.WarningKind, EmergencyText.WarningLevel, EmergencyText.IssuedBy, EmergencyText.IssuedAt,
             EmergencyText.ReplyBy, EmergencyText.ColSchools, EmergencyText.ColRead, EmergencyText.ColReplied, EmergencyText.ColUnread],
            rows.Select((r, i) => (IReadOnlyList<object?>)
                [i + 1, r.Title, EmergencyLabels.Kind(r.Kind), EmergencyLabels.Level(r.Level), r.Bureau, China.Format(r.IssuedAt), r.ReplyBy, r.Schools, r.Read, r.Replied, r.Schools - r.Read]),
            [6, 36, 12, 8, 18, 18, 12, 8, 8, 8, 8]);

    public static XlsxSheet Copies(IEnumerable<CopyLine> rows) =>
        new(EmergencyText.CopiesSheet,
            [EmergencyText.WarningTitle, EmergencyText.School, EmergencyText.ReadAt, EmergencyText.ReadBy, EmergencyText.RepliedAt, EmergencyText.RepliedBy, EmergencyText.ReplyText],
            rows.Select(r => (IReadOnlyList<object?>)[r.Warning, r.School, China.Format(r.ReadAt), r.ReadBy ?? "", China.Format(r.RepliedAt), r.RepliedBy ?? "", r.Reply ?? ""]),
            [36, 28, 18, 10, 18, 10, 60]);
}

public static class IncidentExport
{
    public static XlsxSheet List(IReadOnlyList<IncidentRow> rows) =>
        new(EmergencyText.IncidentsTitle,
            [EmergencyText.ColNo, EmergencyText.Unit, EmergencyText.County, EmergencyText.IncidentKind, EmergencyText.IncidentLevel, EmergencyText.OccurredAt,
             EmergencyText.KnownAt, EmergencyText.ReportedAt, EmergencyText.ColMinutes, EmergencyText.Place, EmergencyText.Injured, EmergencyText.Dead,
             EmergencyText.ColFlag, EmergencyText.ColState, EmergencyText.ColEntries, EmergencyText.Summary],
            rows.Select((r, i) => (IReadOnlyList<object?>)
            [
                i + 1, r.Unit, r.County, EmergencyLabels.Kind(r.Kind), EmergencyLabels.Level(r.Level), China.Format(r.OccurredAt), China.Format(r.KnownAt),
                China.Format(r.ReportedAt), r.MinutesToReport, r.Place, r.Injured, r.Dead,
                r.Unreported ? EmergencyText.FlagUnreported : r.IsLate ? EmergencyText.FlagLate : "", EmergencyLabels.State(r.State), r.Entries, r.Summary,
            ]),
            [6, 26, 10, 12, 10, 18, 18, 18, 10, 24, 8, 8, 10, 8, 8, 60]);

    public static XlsxSheet Statistics(IReadOnlyList<IncidentStatsRow> rows) =>
        new(EmergencyText.StatisticsTitle,
            [EmergencyText.County, EmergencyText.IncidentKind, EmergencyText.ColCount, EmergencyText.FlagLate, EmergencyText.FlagUnreported, EmergencyText.Injured, EmergencyText.Dead],
            rows.Select(r => (IReadOnlyList<object?>)[r.County, EmergencyLabels.Kind(r.Kind), r.Count, r.Late, r.Unreported, r.Injured, r.Dead]),
            [14, 14, 8, 8, 8, 8, 8]);
}
