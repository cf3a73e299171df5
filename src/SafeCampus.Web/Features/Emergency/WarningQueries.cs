using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Emergency;

public sealed record WarningRow(Guid Id, string Title, WarningKind Kind, WarningLevel Level, DateTimeOffset IssuedAt, DateOnly ReplyBy, string Bureau, bool FromAbove,
    int Schools, int Read, int Replied);

public sealed record SchoolWarningRow(Guid Id, string Title, WarningKind Kind, WarningLevel Level, DateTimeOffset IssuedAt, DateOnly ReplyBy, string Bureau,
    DateTimeOffset? ReadAt, DateTimeOffset? RepliedAt);

public sealed record WarningCopyRow(Guid SchoolId, string School, string County, DateTimeOffset? ReadAt, string? ReadBy, DateTimeOffset? RepliedAt, string? RepliedBy,
    string? ReplyText, DateTimeOffset? RemindedAt, IReadOnlyList<Guid> Photos);

public sealed record WarningView(Warning Warning, string Bureau, IReadOnlyList<WarningCopyRow> Copies, WarningRecipient? OwnCopy,
    IReadOnlyDictionary<SmsState, int> Sms)
{
    public int Read => Copies.Count(c => c.ReadAt is not null);
    public int Replied => Copies.Count(c => c.RepliedAt is not null);
    public int Remindable => Copies.Count(c => c.ReadAt is null && c.RemindedAt is null);
}

/// <summary>What the warning pages show, with read and reply counts aggregated in SQL over the copies in the caller's scope.</summary>
public sealed class WarningQueries(AppDbContext db, TenantScope scope, WarningService warnings)
{
    /// <summary>
    /// The bureau's list: warnings issued in its subtree and those from above that reached its schools, newest first,
    /// each with the counts of the caller's schools. Warnings above the caller are read past the tenant filter, only
    /// when a copy in scope proves they reached it.
    /// </summary>
    public async Task<IReadOnlyList<WarningRow>> BureauListAsync(int? year, CancellationToken ct = default)
    {
        var prefix = scope.FilterPrefix;
        var own = scope.Path ?? "/";
        var q = db.Warnings.AcrossTenants().AsNoTracking()
            .Where(w => w.ScopePath.StartsWith(prefix) || db.WarningRecipients.Any(r => r.WarningId == w.Id && r.ScopePath.StartsWith(prefix)));
        if (year is { } y)
        {
            var (from, to) = YearRange(y);
            q = q.Where(w => w.IssuedAt >= from && w.IssuedAt < to);
        }

        var rows = await q.OrderByDescending(w => w.IssuedAt).Take(500)
            .Select(w => new
            {
                w.Id, w.Title, w.Kind, w.Level, w.IssuedAt, w.ReplyBy, w.ScopePath,
                Bureau = db.Bureaus.AcrossTenants().Where(b => b.Id == w.BureauId).Select(b => b.Name).Single(),
                Schools = db.WarningRecipients.Count(r => r.WarningId == w.Id && r.ScopePath.StartsWith(prefix)),
                Read = db.WarningRecipients.Count(r => r.WarningId == w.Id && r.ScopePath.StartsWith(prefix) && r.ReadAt != null),
                Replied = db.WarningRecipients.Count(r => r.WarningId == w.Id && r.ScopePath.StartsWith(prefix) && r.RepliedAt != null),
            }).ToListAsync(ct);
        return rows.Select(r => new WarningRow(r.Id, r.Title, r.Kind, r.Level, r.IssuedAt, r.ReplyBy, r.Bureau, !r.ScopePath.StartsWith(own, StringComparison.Ordinal),
            r.Schools, r.Read, r.Replied)).ToList();
    }

    /// <summary>The school's warnings: its copies with the warning's text read past the filter (the issuing bureau is above it).</summary>
    public async Task<IReadOnlyList<SchoolWarningRow>> SchoolListAsync(Guid schoolId, CancellationToken ct = default)
    {
        // IgnoreQueryFilters applies to the whole query: the copies are filtered by the caller's prefix explicitly.
        var prefix = scope.FilterPrefix;
        return await db.WarningRecipients.AsNoTracking().Where(r => r.SchoolId == schoolId && r.ScopePath.StartsWith(prefix))
            .Join(db.Warnings.AcrossTenants(), r => r.WarningId, w => w.Id, (r, w) => new { r, w })
            .OrderByDescending(x => x.w.IssuedAt).Take(200)
            .Select(x => new SchoolWarningRow(x.w.Id, x.w.Title, x.w.Kind, x.w.Level, x.w.IssuedAt, x.w.ReplyBy,
                db.Bureaus.AcrossTenants().Where(b => b.Id == x.w.BureauId).Select(b => b.Name).Single(), x.r.ReadAt, x.r.RepliedAt))
            .ToListAsync(ct);
    }

    /// <summary>One warning with the copies in the caller's scope (a school sees only its own).</summary>
    public async Task<WarningView?> ViewAsync(Guid id, CancellationToken ct = default)
    {
        var warning = await warnings.VisibleWarningAsync(id, ct);
        if (warning is null)
        {
            return null;
        }

        var bureau = await db.Bureaus.AcrossTenants().Where(b => b.Id == warning.BureauId).Select(b => b.Name).SingleAsync(ct);
        var prefix = scope.FilterPrefix;
        var copies = await db.WarningRecipients.AsNoTracking().Where(r => r.WarningId == id && r.ScopePath.StartsWith(prefix))
            .Join(db.Schools, r => r.SchoolId, s => s.Id, (r, s) => new { r, s.Name, s.BureauId })
            .Join(db.Bureaus.AcrossTenants(), x => x.BureauId, b => b.Id, (x, b) => new { x.r, x.Name, County = b.ShortName ?? b.Name })
            .OrderBy(x => x.r.ReadAt == null ? 0 : 1).ThenBy(x => x.County).ThenBy(x => x.Name)
            .Select(x => new WarningCopyRow(x.r.SchoolId, x.Name, x.County, x.r.ReadAt, x.r.ReadBy, x.r.RepliedAt, x.r.RepliedBy, x.r.ReplyText, x.r.RemindedAt,
                x.r.Photos.Select(p => p.FileId).ToList()))
            .ToListAsync(ct);
        var own = scope.SchoolId is { } school
            ? await db.WarningRecipients.AsNoTracking().Include(r => r.Photos).SingleOrDefaultAsync(r => r.WarningId == id && r.SchoolId == school, ct)
            : null;
        var sms = warning.Sms
            ? await db.WarningSms.Where(m => m.WarningId == id).GroupBy(m => m.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct)
            : [];
        return new WarningView(warning, bureau, copies, own, sms);
    }

    /// <summary>Headline: warnings of the year reaching the caller's schools, and how many copies were read and replied.</summary>
    public async Task<(int Warnings, int Copies, int Read, int Replied)> YearFiguresAsync(int year, CancellationToken ct = default)
    {
        var (from, to) = YearRange(year);
        var prefix = scope.FilterPrefix;
        var f = await db.WarningRecipients.Where(r => r.ScopePath.StartsWith(prefix))
            .Join(db.Warnings.AcrossTenants(), r => r.WarningId, w => w.Id, (r, w) => new { r, w.IssuedAt })
            .Where(x => x.IssuedAt >= from && x.IssuedAt < to)
            .GroupBy(_ => 1)
            .Select(g => new { Warnings = g.Select(x => x.r.WarningId).Distinct().Count(), Copies = g.Count(), Read = g.Count(x => x.r.ReadAt != null), Replied = g.Count(x => x.r.RepliedAt != null) })
            .SingleOrDefaultAsync(ct);
        return f is null ? (0, 0, 0, 0) : (f.Warnings, f.Copies, f.Read, f.Replied);
    }

    public static (DateTimeOffset From, DateTimeOffset To) YearRange(int year) =>
        (Infrastructure.China.StartOfDay(new DateOnly(year, 1, 1)), Infrastructure.China.StartOfDay(new DateOnly(year + 1, 1, 1)));
}
