using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Hazards;

/// <summary>The ledger's filters, as the list's query string carries them. State: open, overdue or a state's name.</summary>
public sealed record LedgerFilter(Guid? School = null, string? Area = null, HazardGrade? Grade = null, string? State = null,
    HazardSource? Source = null, DateOnly? From = null, DateOnly? To = null, bool Escalated = false, Guid? Campaign = null);

public sealed record LedgerRow(Guid Id, string School, string Place, string Description, string Area, HazardGrade Grade, HazardSource Source,
    DateOnly FoundOn, HazardState State, DateOnly? Deadline, string? Responsible, string? Measures, decimal? FundingNeeded,
    string? AcceptedBy, DateTimeOffset? AcceptedAt, bool Escalated);

public sealed record LedgerPage(IReadOnlyList<LedgerRow> Rows, int Total);

public sealed record SchoolOption(Guid Id, string Name);

public sealed record HazardView(Hazard Hazard, string School, string? NoticeNumber);

/// <summary>Rectification figures of one school, one county or the whole scope (School and County null).</summary>
public sealed record HazardFigures(Guid? SchoolId, string? School, Guid? CountyId, string? County, int Found, int Closed, int Open, int Overdue, double? MedianDays)
{
    public decimal? Rate => Found > 0 ? Math.Round((decimal)Closed / Found, 4) : null;
}

/// <summary>The ledger and its figures, read through the tenant filter (raw SQL adds the scope itself).</summary>
public sealed class HazardQueries(AppDbContext db, TenantScope scope, TimeProvider clock)
{
    public IQueryable<Hazard> Filtered(LedgerFilter f)
    {
        var today = clock.Today();
        var q = db.Hazards.AsNoTracking();
        if (f.School is { } school) { q = q.Where(h => h.SchoolId == school); }
        if (!string.IsNullOrWhiteSpace(f.Area)) { q = q.Where(h => h.Area == f.Area); }
        if (f.Grade is { } grade) { q = q.Where(h => h.Grade == grade); }
        if (f.Source is { } source) { q = q.Where(h => h.Source == source); }
        if (f.From is { } from) { q = q.Where(h => h.FoundOn >= from); }
        if (f.To is { } to) { q = q.Where(h => h.FoundOn <= to); }
        if (f.Escalated) { q = q.Where(h => h.EscalatedAt != null); }
        if (f.Campaign is { } campaign) { q = q.Where(h => h.CampaignId == campaign); }
        q = f.State switch
        {
            "open" => q.Where(h => h.State != HazardState.Accepted),
            "overdue" => q.Where(h => (h.State == HazardState.Planned || h.State == HazardState.Returned) && h.Deadline < today),
            { } s when Enum.TryParse<HazardState>(s, out var state) => q.Where(h => h.State == state),
            _ => q,
        };
        return q;
    }

    public async Task<LedgerPage> LedgerAsync(LedgerFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        var q = Filtered(filter);
        var total = await q.CountAsync(ct);
        var rows = await Rows(q.OrderByDescending(h => h.FoundOn).ThenByDescending(h => h.CreatedAt))
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new LedgerPage(rows, total);
    }

    /// <summary>Every row of the filter, oldest first, for the Excel export.</summary>
    public Task<List<LedgerRow>> AllAsync(LedgerFilter filter, CancellationToken ct = default) =>
        Rows(Filtered(filter).OrderBy(h => h.FoundOn).ThenBy(h => h.CreatedAt)).ToListAsync(ct);

    private IQueryable<LedgerRow> Rows(IQueryable<Hazard> q) =>
        q.Join(db.Schools, h => h.SchoolId, s => s.Id, (h, s) => new LedgerRow(h.Id, s.Name, h.Place, h.Description, h.Area, h.Grade, h.Source,
            h.FoundOn, h.State, h.Deadline, h.ResponsiblePerson, h.Measures, h.FundingNeeded, h.AcceptedBy, h.AcceptedAt, h.EscalatedAt != null));

    /// <summary>Escalated hazards and major ones, open, for the bureau's supervision queue (督办): escalated first, then by deadline.</summary>
    public Task<List<LedgerRow>> SupervisionQueueAsync(CancellationToken ct = default) =>
        Rows(db.Hazards.AsNoTracking()
                .Where(h => h.State != HazardState.Accepted && (h.EscalatedAt != null || h.Grade == HazardGrade.Major))
                .OrderBy(h => h.EscalatedAt == null).ThenBy(h => h.SupervisionDeadline ?? h.Deadline).ThenBy(h => h.FoundOn))
            .Take(500).ToListAsync(ct);

    public async Task<HazardView?> ViewAsync(Guid id, CancellationToken ct = default)
    {
        var hazard = await db.Hazards.AsNoTracking().Include(h => h.Steps).Include(h => h.Photos).AsSplitQuery().SingleOrDefaultAsync(h => h.Id == id, ct);
        if (hazard is null)
        {
            return null;
        }

        var school = await db.Schools.Where(s => s.Id == hazard.SchoolId).Select(s => s.Name).SingleAsync(ct);
        var notice = hazard.NoticeId is { } n ? await db.RectificationNotices.Where(x => x.Id == n).Select(x => x.Number).SingleOrDefaultAsync(ct) : null;
        return new HazardView(hazard, school, notice);
    }

    /// <summary>Areas used in the ledger, for the filter.</summary>
    public Task<List<string>> AreasAsync(CancellationToken ct = default) =>
        db.Hazards.Select(h => h.Area).Distinct().OrderBy(a => a).ToListAsync(ct);

    public Task<List<SchoolOption>> SchoolsAsync(CancellationToken ct = default) =>
        db.Schools.OrderBy(s => s.Name).Select(s => new SchoolOption(s.Id, s.Name)).ToListAsync(ct);

    /// <summary>
    /// Found, closed, open and overdue counts and the median days from finding to acceptance, per school, per county
    /// and in total, for hazards found in [from, to]; one query with GROUPING SETS and percentile_cont.
    /// </summary>
    public async Task<List<HazardFigures>> FiguresAsync(DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var prefix = scope.FilterPrefix;
        var today = clock.Today();
        // Read across the tree (TenantQueries.ReadAcrossTag) for a school's view of its county's name; the WHERE clause
        // keeps the hazards inside the scope.
        var rows = await db.Database.SqlQuery<FigureRow>($"""
            -- safecampus:read-across
            SELECT s."Id" AS "SchoolId", s."Name" AS "School", b."Id" AS "CountyId", b."Name" AS "County",
                   count(*)::int AS "Found",
                   count(*) FILTER (WHERE h."State" = 4)::int AS "Closed",
                   count(*) FILTER (WHERE h."State" <> 4)::int AS "Open",
                   count(*) FILTER (WHERE h."State" IN (2, 5) AND h."Deadline" < {today})::int AS "Overdue",
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY (h."ClosedOn" - h."FoundOn")) FILTER (WHERE h."State" = 4) AS "MedianDays",
                   GROUPING(s."Id")::int AS "SchoolLevel", GROUPING(b."Id")::int AS "CountyLevel"
            FROM "Hazards" h
            JOIN "Schools" s ON s."Id" = h."SchoolId"
            JOIN "Bureaus" b ON b."Id" = s."BureauId"
            WHERE starts_with(h."ScopePath", {prefix}) AND h."FoundOn" BETWEEN {from} AND {to}
            GROUP BY GROUPING SETS ((s."Id", s."Name", b."Id", b."Name"), (b."Id", b."Name"), ())
            """).ToListAsync(ct);
        return rows
            .Select(r => new HazardFigures(r.SchoolLevel == 0 ? r.SchoolId : null, r.SchoolLevel == 0 ? r.School : null,
                r.CountyLevel == 0 ? r.CountyId : null, r.CountyLevel == 0 ? r.County : null, r.Found, r.Closed, r.Open, r.Overdue, r.MedianDays))
            .OrderBy(r => r.CountyId is null).ThenBy(r => r.County).ThenBy(r => r.SchoolId is null ? 0 : 1).ThenBy(r => r.School)
            .ToList();
    }

    private sealed record FigureRow(Guid? SchoolId, string? School, Guid? CountyId, string? County, int Found, int Closed, int Open, int Overdue,
        double? MedianDays, int SchoolLevel, int CountyLevel);
}
