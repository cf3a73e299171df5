using System.Globalization;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Infrastructure.Excel;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Education;

/// <summary>Excel exports of the education lists, with the columns the screens show (every row, no paging).</summary>
public static class EducationEndpoints
{
    public static WebApplication MapEducation(this WebApplication app)
    {
        app.MapCheckIn();
        app.MapGet("/education/rates.xlsx", async (string? term, Guid? county, LessonRates rates, TimeProvider clock, HttpContext http) =>
            {
                var today = clock.Today();
                var anchor = LessonRates.SemesterAnchor(term) is { } a && a <= today ? a : today;
                var report = await rates.ReportAsync(anchor, county, http.RequestAborted);
                var rows = report.Schools.Select(r => (IReadOnlyList<object?>)[r.Name, r.County, r.Classes, r.Required, r.Credited, EducationWords.Rate(r.Credited, r.Required), r.ClassesBehind]);
                var sheet = new XlsxSheet(EducationText.LessonRatesTitle,
                    [EducationText.School, EducationText.County, EducationText.ClassCount, EducationText.Required, EducationText.Credited, EducationText.LessonRate, EducationText.BehindColumn],
                    rows, [30, 14, 10, 12, 12, 24, 14]);
                return Results.File(XlsxWriter.Write(sheet), XlsxWriter.ContentType, $"{EducationText.LessonRatesTitle}-{report.TermKey}.xlsx");
            })
            .RequireAuthorization(p => p.RequireRole(Roles.BureauAdmin, Roles.BureauSafetyOfficer));

        app.MapGet("/education/training-rates.xlsx", async (int? year, Guid? county, TrainingRates rates, TimeProvider clock, HttpContext http) =>
            {
                var report = await rates.ReportAsync(EducationQuery.Year(year, clock.Today()), county, http.RequestAborted);
                var rows = report.Schools.Select(r => (IReadOnlyList<object?>)[r.Name, r.County, r.People, r.Trained, EducationWords.Rate(r.Trained, r.People), r.VacantPosts]);
                var sheet = new XlsxSheet(EducationText.TrainingRatesTitle,
                    [EducationText.School, EducationText.County, EducationText.PeopleInPosts, EducationText.Trained, EducationText.TrainingRate, EducationText.Vacant],
                    rows, [30, 14, 12, 12, 24, 10]);
                return Results.File(XlsxWriter.Write(sheet), XlsxWriter.ContentType, $"{EducationText.TrainingRatesTitle}-{report.Year}.xlsx");
            })
            .RequireAuthorization(p => p.RequireRole(Roles.BureauAdmin, Roles.BureauSafetyOfficer));

        app.MapGet("/education/themes/{id:guid}/schools.xlsx", async (Guid id, ThemeService themes, TimeProvider clock, HttpContext http) =>
            {
                if (await themes.FindAsync(id, http.RequestAborted) is not { } activity)
                {
                    return Results.NotFound();
                }

                var today = clock.Today();
                var rows = (await themes.SchoolsAsync(activity, http.RequestAborted)).Select(s => (IReadOnlyList<object?>)[
                    s.School, ThemeService.StateText(s, activity, today), s.Date, s.Participants, s.Summary, s.Photos]);
                var sheet = new XlsxSheet(EducationText.ThemeSchoolsSheet,
                    [EducationText.School, EducationText.State, EducationText.ThemeDate, EducationText.Participants, EducationText.Summary, EducationText.PhotoColumn],
                    rows, [24, 10, 12, 10, 40, 8]);
                return Results.File(XlsxWriter.Write(sheet), XlsxWriter.ContentType,
                    string.Format(CultureInfo.InvariantCulture, "{0}-{1:yyyyMMdd}.xlsx", activity.Theme, activity.Deadline));
            })
            .RequireAuthorization(p => p.RequireRole(Roles.BureauAdmin, Roles.BureauSafetyOfficer));
        app.MapGet("/education/trainings.xlsx", async (int? year, TrainingService trainings, TimeProvider clock, HttpContext http) =>
            {
                var y = year is >= 2000 and <= 2100 ? year.Value : clock.Today().Year;
                var rows = (await trainings.SessionsAsync(y, http.RequestAborted)).Select(s => (IReadOnlyList<object?>)[
                    s.Date, s.Topic, s.OrganiserName, EducationWords.Audience(s.Audience), s.Hours, s.Attended,
                    s.Open ? EducationText.CheckInOpen : EducationText.CheckInClosedState]);
                var sheet = new XlsxSheet(EducationText.TrainingsTitle,
                    [EducationText.TrainingDate, EducationText.TrainingTopic, EducationText.Organiser, EducationText.Audience, EducationText.Hours,
                        EducationText.Attended, EducationText.CheckIn],
                    rows, [12, 30, 20, 24, 8, 10, 10]);
                return Results.File(XlsxWriter.Write(sheet), XlsxWriter.ContentType,
                    string.Format(CultureInfo.InvariantCulture, "{0}-{1}.xlsx", EducationText.TrainingsTitle, y));
            })
            .RequireAuthorization();
        app.MapGet("/education/people.xlsx", async (SafetyPeopleService people, TenantScope scope, TimeProvider clock, HttpContext http) =>
            {
                if (scope.SchoolId is not { } schoolId)
                {
                    return Results.NotFound();
                }

                var year = clock.Today().Year;
                var rows = (await people.PeopleAsync(schoolId, year, http.RequestAborted)).Select(p => (IReadOnlyList<object?>)[
                    p.Name, p.PostName ?? EducationWords.Role(p.Role), p.Phone,
                    p.TrainedOn is { } d ? string.Format(CultureInfo.CurrentCulture, EducationText.TrainedOn, EducationWords.Date(d)) : EducationText.NotTrained]);
                var sheet = new XlsxSheet(EducationText.PostsTitle,
                    [EducationText.PersonName, EducationText.RoleColumn, EducationText.Phone, EducationText.TrainingState], rows, [14, 24, 16, 20]);
                return Results.File(XlsxWriter.Write(sheet), XlsxWriter.ContentType,
                    string.Format(CultureInfo.InvariantCulture, "{0}-{1}.xlsx", EducationText.PostsTitle, year));
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Principal, Roles.SafetyDirector, Roles.SchoolStaff));
        app.MapGet("/education/lessons.xlsx", async (string? from, string? to, LessonRates rates, TenantScope scope, TimeProvider clock, HttpContext http) =>
            {
                if (scope.SchoolId is not { } schoolId)
                {
                    return Results.NotFound();
                }

                var (f, t) = EducationQuery.Range(from, to, clock.Today());
                var (list, _) = await rates.ListAsync(schoolId, f, t, 1, 0, http.RequestAborted);
                var rows = list.Select(l => (IReadOnlyList<object?>)[l.Date, $"{l.Grade} · {l.ClassName}", l.Topic, l.Teacher, l.Minutes, l.Photos]);
                var sheet = new XlsxSheet(EducationText.LessonsTitle,
                    [EducationText.LessonDate, EducationText.Class, EducationText.Topic, EducationText.Teacher, EducationText.Minutes, EducationText.Photos],
                    rows, [12, 20, 24, 12, 10, 8]);
                return Results.File(XlsxWriter.Write(sheet), XlsxWriter.ContentType,
                    string.Format(CultureInfo.InvariantCulture, "{0}-{1:yyyyMMdd}-{2:yyyyMMdd}.xlsx", EducationText.LessonsTitle, f, t));
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Principal, Roles.SafetyDirector, Roles.SchoolStaff));
        return app;
    }
}
