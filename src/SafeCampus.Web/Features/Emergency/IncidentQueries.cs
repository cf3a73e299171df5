using SafeCampus.Web.Tenancy;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Infrastructure;

namespace SafeCampus.Web.Features.Emergency;

/// <summary>The list's filter: a period of China dates (by when it happened), kind, county, flagged only.</summary>
public sealed record IncidentFilter(DateOnly? From, DateOnly? To, IncidentKind? Kind, Guid? County, bool FlaggedOnly)
{
    public static IncidentFilter Parse(string? from, string? to, string? kind, Guid? county, bool flagged) =>
        new(ParseDate(from), ParseDate(to), Enum.TryParse<IncidentKind>(kind, out var k) && Enum.IsDefined(k) ? k : null, county, flagged);

    private static DateOnly? ParseDate(string? raw) =>
        DateOnly.TryParseExact(raw?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}

public sealed record IncidentRow(Guid Id, string Unit, string County, IncidentKind Kind, IncidentLevel Level, DateTimeOffset OccurredAt, DateTimeOffset KnownAt,
    DateTimeOffset ReportedAt, string Place, int Injured, int Dead, bool IsLate, bool Unreported, IncidentState State, int Entries, string Summary)
{
    public int MinutesToReport => (int)Math.Floor((ReportedAt - KnownAt).TotalMinutes);
}

public sealed record IncidentStatsRow(string County, IncidentKind Kind, int Count, int Late, int Unreported, int Injured, int Dead);

public sealed record IncidentView(Incident Incident, string Unit, string County);

/// <summary>Incident lists, the detail and the statistics, projected and aggregated in SQL through the tenant filter.</summary>
public sealed class IncidentQueries(AppDbContext db)
{
    public const int MaxRows = 2000;

    private IQueryable<Incident> Filtered(IncidentFilter f)
    {
        var q = db.Incidents.AsNoTracking();
        if (f.From is { } from)
        {
            var start = China.StartOfDay(from);
            q = q.Where(i => i.OccurredAt >= start);
        }

        if (f.To is { } to)
        {
            var end = China.StartOfDay(to.AddDays(1));
            q = q.Where(i => i.OccurredAt < end);
        }

        if (f.Kind is { } kind)
        {
            q = q.Where(i => i.Kind == kind);
        }

        if (f.County is { } county)
        {
            q = q.Where(i => i.BureauId == county);
        }

        if (f.FlaggedOnly)
        {
            q = q.Where(i => i.IsLate || i.Unreported);
        }

        return q;
    }

    public async Task<IReadOnlyList<IncidentRow>> ListAsync(IncidentFilter f, CancellationToken ct = default) =>
        await Filtered(f).OrderByDescending(i => i.OccurredAt).Take(MaxRows)
            .Select(i => new IncidentRow(i.Id,
                (i.SchoolId == null ? db.Bureaus.Where(b => b.Id == i.BureauId).Select(b => b.Name).FirstOrDefault() : db.Schools.Where(s => s.Id == i.SchoolId).Select(s => s.Name).FirstOrDefault()) ?? "",
                db.Bureaus.Where(b => b.Id == i.BureauId).Select(b => b.ShortName ?? b.Name).FirstOrDefault() ?? "",
                i.Kind, i.Level, i.OccurredAt, i.KnownAt, i.ReportedAt, i.Place, i.Injured, i.Dead, i.IsLate, i.Unreported, i.State, i.Entries.Count, i.Summary))
            .ToListAsync(ct);

    /// <summary>Counts by county and kind over the period (by when it happened).</summary>
    public async Task<IReadOnlyList<IncidentStatsRow>> StatisticsAsync(IncidentFilter f, CancellationToken ct = default)
    {
        var rows = await Filtered(f with { Kind = null, FlaggedOnly = false })
            .GroupBy(i => new { i.BureauId, i.Kind })
            .Select(g => new
            {
                g.Key.BureauId, g.Key.Kind, Count = g.Count(), Late = g.Count(i => i.IsLate), Unreported = g.Count(i => i.Unreported),
                Injured = g.Sum(i => i.Injured), Dead = g.Sum(i => i.Dead),
            }).ToListAsync(ct);
        var ids = rows.Select(r => r.BureauId).Distinct().ToList();
        var names = await db.Bureaus.Where(b => ids.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.ShortName ?? b.Name, ct);
        return rows.Select(r => new IncidentStatsRow(names.GetValueOrDefault(r.BureauId, ""), r.Kind, r.Count, r.Late, r.Unreported, r.Injured, r.Dead))
            .OrderBy(r => r.County, StringComparer.Ordinal).ThenBy(r => r.Kind).ToList();
    }

    public async Task<IncidentView?> ViewAsync(Guid id, CancellationToken ct = default)
    {
        var incident = await db.Incidents.AsNoTracking().Include(i => i.Entries).SingleOrDefaultAsync(i => i.Id == id, ct);
        if (incident is null)
        {
            return null;
        }

        // The county bureau sits above a school's user: its name is read past the filter.
        var county = await db.Bureaus.AcrossTenants().Where(b => b.Id == incident.BureauId).Select(b => b.Name).SingleAsync(ct);
        var unit = incident.SchoolId is { } s ? await db.Schools.Where(x => x.Id == s).Select(x => x.Name).SingleAsync(ct) : county;
        return new IncidentView(incident, unit, county);
    }

    /// <summary>Headline figures of the year: reported, open, late, unreported.</summary>
    public async Task<(int Count, int Open, int Late, int Unreported)> YearFiguresAsync(int year, CancellationToken ct = default)
    {
        var (from, to) = WarningQueries.YearRange(year);
        var f = await db.Incidents.Where(i => i.OccurredAt >= from && i.OccurredAt < to).GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Open = g.Count(i => i.State == IncidentState.Open), Late = g.Count(i => i.IsLate), Unreported = g.Count(i => i.Unreported) })
            .SingleOrDefaultAsync(ct);
        return f is null ? (0, 0, 0, 0) : (f.Count, f.Open, f.Late, f.Unreported);
    }

    /// <summary>Counties of the caller's subtree, for the filter.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> CountiesAsync(CancellationToken ct = default) =>
        (await db.Bureaus.AsNoTracking().Where(b => b.Level == BureauLevel.County).OrderBy(b => b.Name).Select(b => new { b.Id, b.Name }).ToListAsync(ct))
        .Select(b => (b.Id, b.Name)).ToList();
}
