using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Education;

public sealed record RuleInput(Guid? Id, LessonAudience Audience, string? Grade, int IntervalWeeks, int Lessons, bool Delete);

public sealed record PostInput(Guid? Id, string? Name, bool Required, bool Active);

public sealed record SettingsInput(string Spring, string Autumn, string Holidays, IReadOnlyList<string> Topics, IReadOnlyList<RuleInput> Rules);

/// <summary>What the settings page shows: the effective settings, whether this bureau owns them, and the posts it owns or inherits.</summary>
public sealed record SettingsView(EffectiveEducation Effective, bool Own, bool OwnPosts, IReadOnlyList<SafetyPost> Posts);

/// <summary>
/// A bureau administrator's education settings. Saving makes them the bureau's own (starting from the inherited
/// ones): the calendar, topics and rules in one transaction, all or nothing. Posts are the bureau's own once it saves
/// posts; posts are never deleted (school people refer to them), only retired.
/// </summary>
public sealed class EducationSettingsAdmin(AppDbContext db, TenantScope scope)
{
    public async Task<SettingsView?> LoadAsync(CancellationToken ct = default)
    {
        if (scope.BureauId is not { } id || scope.SchoolId is not null)
        {
            return null;
        }

        var bureau = await db.Bureaus.AsNoTracking().SingleAsync(b => b.Id == id, ct);
        var tree = await EducationSettingsTree.LoadAsync(db, bureau.Path, ct);
        var effective = tree.For(bureau.Path);
        var posts = tree.AllPostsFor(bureau.Path);
        return new SettingsView(effective, effective.OwnerBureauId == id, posts.Count > 0 && posts[0].BureauId == id, posts);
    }

    public Task SaveAsync(SettingsInput input, CancellationToken ct = default) =>
        db.InTransactionAsync(async () =>
        {
            var bureau = await db.Bureaus.SingleAsync(b => b.Id == scope.BureauId, ct);
            var view = await LoadAsync(ct) ?? throw new DomainException("Education.RuleInvalid");
            var settings = await db.EducationSettings.SingleOrDefaultAsync(s => s.BureauId == bureau.Id, ct);
            if (settings is null)
            {
                settings = EducationSettings.Create(bureau, input.Topics);
                db.EducationSettings.Add(settings);
            }

            settings.Update(input.Spring, input.Autumn, input.Holidays, input.Topics);

            var own = await db.LessonRules.Where(r => r.BureauId == bureau.Id).ToListAsync(ct);
            var kept = new List<LessonRule>();
            foreach (var r in input.Rules.Where(r => !r.Delete))
            {
                var rule = r.Id is { } rid ? own.FirstOrDefault(x => x.Id == rid) : null;
                if (rule is null)
                {
                    rule = LessonRule.Create(bureau, r.Audience, r.Grade, r.IntervalWeeks, r.Lessons);
                    db.LessonRules.Add(rule);
                }
                else
                {
                    rule.Update(r.Audience, r.Grade, r.IntervalWeeks, r.Lessons);
                }

                kept.Add(rule);
            }

            if (kept.GroupBy(r => (r.Audience, r.Grade)).Any(g => g.Count() > 1))
            {
                throw new DomainException("Education.RuleInvalid");
            }

            db.LessonRules.RemoveRange(own.Where(o => !kept.Contains(o)));

            await db.SaveChangesAsync(ct);
        }, ct);

    /// <summary>Saves the posts; the first time, the inherited posts become the bureau's own (its schools fill them again).</summary>
    public Task SavePostsAsync(IReadOnlyList<PostInput> posts, CancellationToken ct = default) =>
        db.InTransactionAsync(async () =>
        {
            var bureau = await db.Bureaus.SingleAsync(b => b.Id == scope.BureauId, ct);
            var view = await LoadAsync(ct) ?? throw new DomainException("Education.PostNameInvalid");
            var input = new { Posts = posts };
            var ownPosts = await db.SafetyPosts.Where(p => p.BureauId == bureau.Id).ToListAsync(ct);
            var order = 0;
            foreach (var p in input.Posts)
            {
                order++;
                var post = p.Id is { } pid ? ownPosts.FirstOrDefault(x => x.Id == pid) : null;
                if (post is not null)
                {
                    post.Update(p.Name ?? "", p.Required, p.Active);
                }
                else if (!string.IsNullOrWhiteSpace(p.Name) && (p.Id is null || !view.OwnPosts))
                {
                    // A new post, or (the first time a bureau saves posts) the inherited ones copied as its own.
                    var created = SafetyPost.Create(bureau, p.Name, order, p.Required);
                    if (!p.Active)
                    {
                        created.Update(p.Name, p.Required, isActive: false);
                    }

                    db.SafetyPosts.Add(created);
                }
            }

            await db.SaveChangesAsync(ct);
        }, ct);
}
