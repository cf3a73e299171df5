using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Education;

/// <summary>A post holder as the school's form sends it (empty name: nobody).</summary>
public sealed record PostHolderInput(Guid PostId, string? Name, string? Phone);

/// <summary>One of the school's posts with its holder and the holder's latest training in the year.</summary>
public sealed record PostLine(SafetyPost Post, Guid? PersonId, string? Name, string? Phone, DateOnly? TrainedOn);

/// <summary>A person in a safety post with their latest training in the year.</summary>
public sealed record PersonLine(Guid Id, Guid SchoolId, string Name, SafetyRole Role, string? PostName, string? Phone, DateOnly? TrainedOn);

/// <summary>
/// The school's safety posts and people (安全岗位人员): the bureau's posts, one holder each, and the other people in
/// safety roles (leaders, director, guards, bus drivers and escorts). Writes are the signed-in school's only.
/// </summary>
public sealed class SafetyPeopleService(AppDbContext db, TenantScope scope, TimeProvider clock)
{
    private async Task<School> SchoolAsync(CancellationToken ct) =>
        scope.SchoolId is { } id && await db.Schools.SingleOrDefaultAsync(s => s.Id == id, ct) is { } s ? s : throw new DomainException("Education.PersonUnknown");

    public async Task<IReadOnlyList<SafetyPost>> PostsForAsync(string schoolPath, CancellationToken ct = default) =>
        (await EducationSettingsTree.LoadAsync(db, schoolPath, ct)).For(schoolPath).Posts;

    /// <summary>
    /// Saves every post's holder at once: a changed name retires the old holder and adds the new one (their training
    /// is their own); an empty post the bureau requires refuses the whole form.
    /// </summary>
    public Task SavePostsAsync(IReadOnlyList<PostHolderInput> input, CancellationToken ct = default) =>
        db.InTransactionAsync(async () =>
        {
            var school = await SchoolAsync(ct);
            var posts = await PostsForAsync(school.ScopePath, ct);
            var byId = input.GroupBy(i => i.PostId).ToDictionary(g => g.Key, g => g.Last());
            var empty = posts.Where(p => p.Required && (!byId.TryGetValue(p.Id, out var i) || string.IsNullOrWhiteSpace(i.Name))).Select(p => p.Name).ToList();
            if (empty.Count > 0)
            {
                throw new DomainException("Education.PostRequired", string.Join("、", empty));
            }

            var holders = await db.SafetyPeople.Where(p => p.SchoolId == school.Id && p.IsActive && p.PostId != null).ToListAsync(ct);
            var now = clock.GetUtcNow();
            foreach (var post in posts)
            {
                var wanted = byId.TryGetValue(post.Id, out var i) ? i : null;
                var name = string.IsNullOrWhiteSpace(wanted?.Name) ? null : SafetyPerson.CheckedName(wanted.Name);
                var phone = SafetyPerson.CheckedPhone(wanted?.Phone);
                var holder = holders.FirstOrDefault(h => h.PostId == post.Id);
                if (holder is not null && holder.Name == name)
                {
                    holder.Update(name, phone);
                    continue;
                }

                holder?.Retire();
                if (holder is not null)
                {
                    // The partial unique index allows one active holder: retire first, then add.
                    await db.SaveChangesAsync(ct);
                }

                if (name is not null)
                {
                    db.SafetyPeople.Add(SafetyPerson.Create(school, SafetyRole.Administrator, post, name, phone, now));
                }
            }

            await db.SaveChangesAsync(ct);
        }, ct);

    public async Task<SafetyPerson> AddPersonAsync(SafetyRole role, string name, string? phone, CancellationToken ct = default)
    {
        if (role == SafetyRole.Administrator)
        {
            throw new DomainException("Education.RoleInvalid");
        }

        var school = await SchoolAsync(ct);
        var person = SafetyPerson.Create(school, role, null, name, phone, clock.GetUtcNow());
        db.SafetyPeople.Add(person);
        await db.SaveChangesAsync(ct);
        return person;
    }

    public async Task RetireAsync(Guid personId, CancellationToken ct = default)
    {
        var school = await SchoolAsync(ct);
        var person = await db.SafetyPeople.SingleOrDefaultAsync(p => p.Id == personId && p.SchoolId == school.Id && p.IsActive && p.PostId == null, ct)
            ?? throw new DomainException("Education.PersonUnknown");
        person.Retire();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A school's active people with their latest training in the calendar year (one query).</summary>
    public async Task<List<PersonLine>> PeopleAsync(Guid schoolId, int year, CancellationToken ct = default)
    {
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var rows = await db.SafetyPeople.Where(p => p.SchoolId == schoolId && p.IsActive)
            .OrderBy(p => p.Role).ThenBy(p => p.Name)
            .Select(p => new
            {
                p.Id, p.SchoolId, p.Name, p.Role, p.PostId, p.Phone, p.ScopePath,
                Trained = db.TrainingAttendances.Where(a => a.PersonId == p.Id && a.Date >= from && a.Date <= to).Max(a => (DateOnly?)a.Date),
            })
            .ToListAsync(ct);
        if (rows.Count == 0)
        {
            return [];
        }

        // Post names are the bureau's, above the school: from the settings tree, not through the filter.
        var posts = (await PostsForAsync(rows[0].ScopePath, ct)).ToDictionary(p => p.Id, p => p.Name);
        return rows.Select(r => new PersonLine(r.Id, r.SchoolId, r.Name, r.Role, r.PostId is { } id && posts.TryGetValue(id, out var n) ? n : null, r.Phone, r.Trained)).ToList();
    }

    public async Task<IReadOnlyList<PostLine>> PostLinesAsync(Guid schoolId, string schoolPath, int year, CancellationToken ct = default)
    {
        var posts = await PostsForAsync(schoolPath, ct);
        var people = (await PeopleAsync(schoolId, year, ct)).ToList();
        var holders = await db.SafetyPeople.Where(p => p.SchoolId == schoolId && p.IsActive && p.PostId != null).Select(p => new { p.Id, PostId = p.PostId!.Value }).ToListAsync(ct);
        return posts.Select(post =>
        {
            var h = holders.FirstOrDefault(x => x.PostId == post.Id);
            var line = h is null ? null : people.FirstOrDefault(p => p.Id == h.Id);
            return new PostLine(post, line?.Id, line?.Name, line?.Phone, line?.TrainedOn);
        }).ToList();
    }
}
