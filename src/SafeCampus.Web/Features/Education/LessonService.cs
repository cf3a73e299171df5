using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Infrastructure.Files;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Education;


/// <summary>
/// The school's use cases for classes and lessons. The school is the signed-in user's (never the form's); classes
/// are loaded through the tenant filter and must be the school's own, so a class id of another school is refused
/// with a Chinese message and nothing is written.
/// </summary>
public sealed class LessonService(AppDbContext db, TenantScope scope, FileStore files, TimeProvider clock)
{
    public const int MaxPhotos = 6;

    public async Task<School> CurrentSchoolAsync(CancellationToken ct = default) =>
        scope.SchoolId is { } id && await db.Schools.SingleOrDefaultAsync(s => s.Id == id, ct) is { } school
            ? school
            : throw new DomainException("Education.ClassUnknown");

    /// <summary>Adds classes of one grade, one name per line; all or none.</summary>
    public Task<int> AddClassesAsync(string grade, IEnumerable<string> names, CancellationToken ct = default) =>
        db.InTransactionAsync(async () =>
        {
            var school = await CurrentSchoolAsync(ct);
            var wanted = names.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            if (wanted.Count == 0)
            {
                throw new DomainException("Education.ClassInvalid");
            }

            var existing = await db.SchoolClasses.Where(c => c.SchoolId == school.Id && wanted.Contains(c.Name)).Select(c => c.Name).ToListAsync(ct);
            if (existing.Count > 0)
            {
                throw new DomainException("Education.ClassDuplicate", string.Join("、", existing));
            }

            var now = clock.GetUtcNow();
            db.SchoolClasses.AddRange(wanted.Select(n => SchoolClass.Create(school, grade, n, now)));
            await db.SaveChangesAsync(ct);
            return wanted.Count;
        }, ct);

    /// <summary>
    /// Takes the classes of the pledge roster the school imported for parents' receipts (their distinct class names)
    /// and adds the ones it does not have yet, with the grade their name implies.
    /// </summary>
    public Task<int> ImportFromRosterAsync(CancellationToken ct = default) =>
        db.InTransactionAsync(async () =>
        {
            var school = await CurrentSchoolAsync(ct);
            var roster = await db.NoticeReceipts.Where(r => r.SchoolId == school.Id).Select(r => r.ClassName).Distinct().ToListAsync(ct);
            var have = (await db.SchoolClasses.Where(c => c.SchoolId == school.Id).Select(c => c.Name).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            var now = clock.GetUtcNow();
            var added = roster.Where(n => !have.Contains(n.Trim())).Order(StringComparer.Ordinal)
                .Select(n => SchoolClass.Create(school, SchoolClass.GradeOf(n), n, now)).ToList();
            db.SchoolClasses.AddRange(added);
            await db.SaveChangesAsync(ct);
            return added.Count;
        }, ct);

    public async Task SetClassActiveAsync(Guid classId, bool active, CancellationToken ct = default)
    {
        var school = await CurrentSchoolAsync(ct);
        var cls = await db.SchoolClasses.SingleOrDefaultAsync(c => c.Id == classId && c.SchoolId == school.Id, ct) ?? throw new DomainException("Education.ClassUnknown");
        cls.SetActive(active);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Records one lesson for each chosen class (a whole grade at once), with the same photos: all or none. Refused:
    /// no class, a class not the school's or retired, a date after today or outside the term, a class that already has
    /// the topic that day.
    /// </summary>
    public Task<int> RecordAsync(LessonEntry entry, IReadOnlyCollection<Guid> classIds, IReadOnlyList<Drills.Upload> photos, CancellationToken ct = default) =>
        db.InTransactionAsync(async () =>
        {
            var school = await CurrentSchoolAsync(ct);
            if (classIds.Count == 0)
            {
                throw new DomainException("Education.NoClassesChosen");
            }

            if (photos.Count > MaxPhotos)
            {
                throw new DomainException("Drills.TooManyPhotos");
            }

            var ids = classIds.Distinct().ToList();
            var classes = await db.SchoolClasses.Where(c => ids.Contains(c.Id) && c.SchoolId == school.Id && c.IsActive).ToListAsync(ct);
            if (classes.Count != ids.Count)
            {
                throw new DomainException("Education.ClassUnknown");
            }

            var settings = (await EducationSettingsTree.LoadAsync(db, school.ScopePath, ct)).For(school.ScopePath);
            var term = settings.TermFor(entry.Date);
            var today = clock.Today();
            Lesson.Validate(entry, term, today);
            var topic = entry.Topic.Trim();
            var taken = await db.Lessons.Where(l => ids.Contains(l.ClassId) && l.Date == entry.Date && l.Topic == topic).Select(l => l.ClassId).ToListAsync(ct);
            if (taken.Count > 0)
            {
                throw new DomainException("Education.LessonDuplicate", string.Join("、", classes.Where(c => taken.Contains(c.Id)).Select(c => c.Name)));
            }

            var photoIds = new List<Guid>();
            foreach (var photo in photos)
            {
                photoIds.Add((await files.SaveAsync(photo.Content, photo.FileName, FileCategory.Image, school.ScopePath, ct)).Id);
            }

            var batch = Guid.CreateVersion7();
            var now = clock.GetUtcNow();
            db.Lessons.AddRange(classes.Select(c => Lesson.Record(c, entry, term, today, batch, photoIds, scope.UserName, now)));
            await db.SaveChangesAsync(ct);
            return classes.Count;
        }, ct);

    /// <summary>Removes a lesson recorded by mistake (the audit trail keeps it).</summary>
    public async Task DeleteAsync(Guid lessonId, CancellationToken ct = default)
    {
        var school = await CurrentSchoolAsync(ct);
        var lesson = await db.Lessons.SingleOrDefaultAsync(l => l.Id == lessonId && l.SchoolId == school.Id, ct) ?? throw new DomainException("Education.ClassUnknown");
        db.Lessons.Remove(lesson);
        await db.SaveChangesAsync(ct);
    }

    internal static string Format(string format, params object[] args) => string.Format(CultureInfo.CurrentCulture, format, args);
}
