using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Notifications;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Infrastructure.Scheduling;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Education;

public sealed record EducationReminderResult(int Lessons, int Training, int Themes = 0);

/// <summary>
/// Daily at 08:15 China time. A school whose classes still need the current interval's safety lesson, with the
/// interval ending within <see cref="LessonDaysBefore"/> days, reminds its safety directors and principals; from
/// 1 November, a school with people in safety posts not trained this year reminds them too; a school that has not
/// filed a theme activity due within <see cref="ThemeDaysBefore"/> days is reminded of it. Each person hears once per
/// school and interval (lessons), per school and year (training) or per school and activity (themes): idempotency
/// keys, however often it runs.
/// </summary>
public sealed class EducationReminderJob(AppDbContext db, TenantScope scope, LessonRates lessons, Notifier notifier, TimeProvider clock) : IScheduledJob
{
    public const int LessonDaysBefore = 3;
    public const int ThemeDaysBefore = 3;

    public async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        using var _ = scope.EnterSystem("education-reminders");
        await RunAsync(cancellationToken);
    }

    public async Task<EducationReminderResult> RunAsync(CancellationToken ct = default)
    {
        var today = clock.Today();
        var c = CultureInfo.CurrentCulture;
        var classes = (await lessons.ClassesAsync(null, today, ct)).ToLookup(x => x.SchoolId);
        var schools = await db.Schools.Select(s => new { s.Id, s.Name, s.ScopePath }).ToListAsync(ct);
        var users = (await db.Users
                .Where(u => u.SchoolId != null && !u.IsDisabled && (u.Role == UserRole.SafetyDirector || u.Role == UserRole.Principal))
                .Select(u => new { u.Id, SchoolId = u.SchoolId!.Value }).ToListAsync(ct))
            .ToLookup(u => u.SchoolId, u => u.Id);
        var (from, to) = (new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 12, 31));
        var untrained = today.Month >= 11
            ? (await db.SafetyPeople.Where(p => p.IsActive && !db.TrainingAttendances.Any(a => a.PersonId == p.Id && a.Date >= from && a.Date <= to))
                .GroupBy(p => p.SchoolId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).ToDictionary(x => x.Key, x => x.Count)
            : [];
        var tree = await EducationSettingsTree.LoadAsync(db, "/", ct);
        int lessonReminders = 0, trainingReminders = 0;
        foreach (var school in schools)
        {
            var due = classes[school.Id].Where(x => x.Figures.CurrentMissing > 0).ToList();
            if (due.Count > 0 && due[0].Figures.Current is { } current && current.End.DayNumber - today.DayNumber <= LessonDaysBefore)
            {
                var term = tree.For(school.ScopePath).TermFor(today);
                var title = string.Format(c, EducationText.RemindLessonsTitle, due.Count, EducationWords.Date(current.End));
                var body = string.Format(c, EducationText.RemindLessonsBody, school.Name, string.Join("、", due.Take(20).Select(x => x.Name)), EducationWords.Date(current.End));
                foreach (var user in users[school.Id])
                {
                    if (await notifier.NotifyAsync(new NotificationMessage(user, $"edu-lessons:{school.Id}:{term.Key}:{current.Index}:{user}", title, body, "/education/lessons/new"), ct))
                    {
                        lessonReminders++;
                    }
                }
            }

            if (untrained.TryGetValue(school.Id, out var n) && n > 0)
            {
                var title = string.Format(c, EducationText.RemindTrainingTitle, n, today.Year);
                var body = string.Format(c, EducationText.RemindTrainingBody, school.Name, n, today.Year);
                foreach (var user in users[school.Id])
                {
                    if (await notifier.NotifyAsync(new NotificationMessage(user, $"edu-training:{school.Id}:{today.Year}:{user}", title, body, "/education/posts"), ct))
                    {
                        trainingReminders++;
                    }
                }
            }
        }

        var themeReminders = 0;
        var soon = today.AddDays(ThemeDaysBefore);
        var activities = await db.ThemeActivities.AsNoTracking().Where(a => a.StartDate <= today && a.Deadline >= today && a.Deadline <= soon)
            .Select(a => new { a.Id, a.Theme, a.BureauName, a.ScopePath, a.Deadline, Filed = db.ThemeFilings.Where(f => f.ActivityId == a.Id).Select(f => f.SchoolId).ToList() })
            .ToListAsync(ct);
        foreach (var activity in activities)
        {
            var filed = activity.Filed.ToHashSet();
            var title = string.Format(c, EducationText.RemindThemeTitle, activity.Theme, EducationWords.Date(activity.Deadline));
            foreach (var school in schools.Where(s => s.ScopePath.StartsWith(activity.ScopePath, StringComparison.Ordinal) && !filed.Contains(s.Id)))
            {
                var body = string.Format(c, EducationText.RemindThemeBody, school.Name, activity.BureauName, activity.Theme, EducationWords.Date(activity.Deadline));
                foreach (var user in users[school.Id])
                {
                    if (await notifier.NotifyAsync(new NotificationMessage(user, $"edu-theme:{activity.Id}:{school.Id}:{user}", title, body, $"/education/themes/{activity.Id}"), ct))
                    {
                        themeReminders++;
                    }
                }
            }
        }

        return new EducationReminderResult(lessonReminders, trainingReminders, themeReminders);
    }
}
