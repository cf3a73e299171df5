using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Drills;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Infrastructure.Files;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Education;

/// <summary>A theme activity with how many schools filed (bureau) or whether this school filed (school).</summary>
public sealed record ActivityRow(Guid Id, string Theme, string BureauName, DateOnly StartDate, DateOnly Deadline, int Filed, int Schools, DateOnly? FiledOn);

/// <summary>A school of an activity: filed or not.</summary>
public sealed record ActivitySchoolRow(Guid SchoolId, string School, Guid? FilingId, DateOnly? Date, int? Participants, string? Summary, int Photos, bool Late);

/// <summary>
/// Theme days and weeks (安全教育日/周) and theme activities. A school reads the activities of the bureaus above it —
/// past the tenant filter on purpose, only its ancestors' rows, as with settings — and files its own; a bureau
/// launches activities for its schools and sees who has and has not filed.
/// </summary>
public sealed class ThemeService(AppDbContext db, TenantScope scope, FileStore files, TimeProvider clock)
{
    private string Path => scope.Path ?? throw new DomainException("Education.ThemeUnknown");

    public async Task<List<ThemeDate>> CalendarAsync(int year, CancellationToken ct = default)
    {
        var ancestors = DrillSettings.AncestorPaths(Path);
        var own = await db.ThemeDays.AcrossTenants().AsNoTracking().Where(d => ancestors.Contains(d.ScopePath)).ToListAsync(ct);
        return [.. ThemeCalendar.National(year).Concat(own.Select(d => ThemeCalendar.Of(d, year))).OrderBy(d => d.Start)];
    }

    public async Task AddDayAsync(string name, int month, int day, int days, CancellationToken ct = default)
    {
        var bureau = await db.Bureaus.SingleAsync(b => b.Id == scope.BureauId && scope.SchoolId == null, ct);
        db.ThemeDays.Add(ThemeDay.Create(bureau, name, month, day, days));
        await db.SaveChangesAsync(ct);
    }

    public async Task<ThemeActivity> LaunchAsync(string theme, string instructions, DateOnly start, DateOnly deadline, CancellationToken ct = default)
    {
        var bureau = await db.Bureaus.SingleAsync(b => b.Id == scope.BureauId && scope.SchoolId == null, ct);
        var activity = ThemeActivity.Launch(bureau, theme, instructions, start, deadline, clock.Today(), scope.UserName, clock.GetUtcNow());
        db.ThemeActivities.Add(activity);
        await db.SaveChangesAsync(ct);
        return activity;
    }

    /// <summary>The activity, if the user may see it: inside the scope (a bureau's) or above the school (a school's).</summary>
    public async Task<ThemeActivity?> FindAsync(Guid id, CancellationToken ct = default)
    {
        var ancestors = DrillSettings.AncestorPaths(Path);
        return await db.ThemeActivities.AcrossTenants().AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == id && (ancestors.Contains(a.ScopePath) || a.ScopePath.StartsWith(Path)), ct);
    }

    public async Task<List<ActivityRow>> ActivitiesAsync(int year, CancellationToken ct = default)
    {
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        if (scope.SchoolId is { } schoolId)
        {
            var ancestors = DrillSettings.AncestorPaths(Path);
            var activities = await db.ThemeActivities.AcrossTenants().AsNoTracking()
                .Where(a => ancestors.Contains(a.ScopePath) && a.Deadline >= from && a.StartDate <= to)
                .OrderByDescending(a => a.Deadline).ToListAsync(ct);
            var ids = activities.Select(a => a.Id).ToList();
            var filed = await db.ThemeFilings.Where(f => f.SchoolId == schoolId && ids.Contains(f.ActivityId)).ToDictionaryAsync(f => f.ActivityId, f => f.Date, ct);
            return activities.Select(a => new ActivityRow(a.Id, a.Theme, a.BureauName, a.StartDate, a.Deadline, filed.ContainsKey(a.Id) ? 1 : 0, 1,
                filed.TryGetValue(a.Id, out var d) ? d : null)).ToList();
        }

        return await db.ThemeActivities.Where(a => a.Deadline >= from && a.StartDate <= to)
            .OrderByDescending(a => a.Deadline)
            .Select(a => new ActivityRow(a.Id, a.Theme, a.BureauName, a.StartDate, a.Deadline,
                db.ThemeFilings.Count(f => f.ActivityId == a.Id),
                db.Schools.Count(s => s.ScopePath.StartsWith(a.ScopePath)), null))
            .ToListAsync(ct);
    }

    /// <summary>The filing state as the bureau's page and its export say it.</summary>
    public static string StateText(ActivitySchoolRow s, ThemeActivity activity, DateOnly today) =>
        s.FilingId is null ? (activity.Deadline < today ? EducationText.StateBehind : EducationText.NotFiled) : s.Late ? EducationText.FiledLate : EducationText.Filed;

    /// <summary>The schools of an activity inside the user's scope, not filed first.</summary>
    public async Task<List<ActivitySchoolRow>> SchoolsAsync(ThemeActivity activity, CancellationToken ct = default)
    {
        var rows = await db.Schools.Where(s => s.ScopePath.StartsWith(activity.ScopePath))
            .Select(s => new
            {
                s.Id, s.Name,
                Filing = db.ThemeFilings.Where(f => f.ActivityId == activity.Id && f.SchoolId == s.Id)
                    .Select(f => new { f.Id, f.Date, f.Participants, f.Summary, Photos = f.PhotoIds.Count, f.FiledAt }).FirstOrDefault(),
            })
            .OrderBy(x => x.Name).ToListAsync(ct);
        var deadlineEnd = China.StartOfDay(activity.Deadline.AddDays(1));
        return rows.Select(r => new ActivitySchoolRow(r.Id, r.Name, r.Filing?.Id, r.Filing?.Date, r.Filing?.Participants, r.Filing?.Summary, r.Filing?.Photos ?? 0,
                r.Filing is { } f && f.FiledAt >= deadlineEnd))
            .OrderBy(r => r.FilingId is not null).ThenBy(r => r.School, StringComparer.Ordinal).ToList();
    }

    /// <summary>The school files its report once; photos stored in the same transaction.</summary>
    public Task<ThemeFiling> FileAsync(Guid activityId, ThemeReport report, IReadOnlyList<Upload> photos, CancellationToken ct = default) =>
        db.InTransactionAsync(async () =>
        {
            var school = scope.SchoolId is { } id ? await db.Schools.SingleAsync(s => s.Id == id, ct) : throw new DomainException("Education.ThemeUnknown");
            var activity = await FindAsync(activityId, ct) ?? throw new DomainException("Education.ThemeUnknown");
            if (await db.ThemeFilings.AnyAsync(f => f.ActivityId == activityId && f.SchoolId == school.Id, ct))
            {
                throw new DomainException("Education.ThemeAlreadyFiled");
            }

            if (photos.Count > ThemeFiling.MaxPhotos)
            {
                throw new DomainException("Drills.TooManyPhotos");
            }

            var ids = new List<Guid>();
            foreach (var p in photos)
            {
                ids.Add((await files.SaveAsync(p.Content, p.FileName, FileCategory.Image, school.ScopePath, ct)).Id);
            }

            var filing = ThemeFiling.File(activity, school, report, ids, clock.Today(), scope.UserName, clock.GetUtcNow());
            db.ThemeFilings.Add(filing);
            await db.SaveChangesAsync(ct);
            return filing;
        }, ct);

    public Task<ThemeFiling?> FilingAsync(Guid activityId, Guid schoolId, CancellationToken ct = default) =>
        db.ThemeFilings.AsNoTracking().SingleOrDefaultAsync(f => f.ActivityId == activityId && f.SchoolId == schoolId, ct);
}
