using SafeCampus.Web.Tenancy;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Infrastructure;

namespace SafeCampus.Web.Features.Emergency;

public sealed record OnDutyRow(Guid? SchoolId, string Unit, DutyShiftKind Kind, string Person, string? Phone, string? Leader, bool Logged, Guid RosterId);

public sealed record DutyGapRow(Guid SchoolId, string School, bool HasRoster, int DaysWithoutLog);

public sealed record RosterRow(Guid Id, string Unit, string Title, DateOnly From, DateOnly To, int Shifts, int Logs);

/// <summary>
/// Duty rosters and logs (值班值宿): a school or bureau publishes its roster, the person on duty records the day, the
/// bureau sees who is on duty today and which rosters or logs are missing for a holiday. Reads and writes go through
/// the tenant filter: a roster of another school is not found.
/// </summary>
public sealed class DutyService(AppDbContext db, EmergencyPeople people, TimeProvider clock)
{
    public async Task<DutyRoster> PublishAsync(string title, DateOnly from, DateOnly to, IReadOnlyList<DutyShiftLine> lines, CancellationToken ct = default)
    {
        var actor = await people.ActorAsync(ct);
        var school = actor.SchoolId is { } sid ? await db.Schools.SingleOrDefaultAsync(s => s.Id == sid, ct) ?? throw new EmergencyNotFoundException() : null;
        var bureauId = school?.BureauId ?? actor.BureauId ?? throw new DomainException("Emergency.NotAllowed");

        // A school's county bureau lies above the school: read past the filter for its id and path only.
        var bureau = await db.Bureaus.AcrossTenants().SingleAsync(b => b.Id == bureauId, ct);
        var roster = DutyRoster.Publish(school, bureau, title, from, to, lines, actor, clock.GetUtcNow(), clock.Today());
        db.DutyRosters.Add(roster);
        await db.SaveChangesAsync(ct);
        return roster;
    }

    public async Task<DutyLog> RecordAsync(Guid rosterId, DateOnly date, bool allNormal, string? rounds, string? events, CancellationToken ct = default)
    {
        var actor = await people.ActorAsync(ct);
        var roster = await db.DutyRosters.AsNoTracking().SingleOrDefaultAsync(r => r.Id == rosterId, ct) ?? throw new EmergencyNotFoundException();
        var log = DutyLog.Record(roster, date, allNormal, rounds, events, actor, clock.GetUtcNow(), clock.Today());
        db.DutyLogs.Add(log);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            throw new DomainException("Emergency.DutyAlreadyLogged");
        }

        return log;
    }

    public async Task<(DutyRoster Roster, string Unit, IReadOnlyList<DutyLog> Logs)?> ViewAsync(Guid id, CancellationToken ct = default)
    {
        var roster = await db.DutyRosters.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (roster is null)
        {
            return null;
        }

        // The bureau of a bureau roster may lie above the caller (a city officer sees a county's roster): name only.
        var unit = roster.SchoolId is { } s
            ? await db.Schools.Where(x => x.Id == s).Select(x => x.Name).SingleAsync(ct)
            : await db.Bureaus.AcrossTenants().Where(b => b.Id == roster.BureauId).Select(b => b.Name).SingleAsync(ct);
        var logs = await db.DutyLogs.AsNoTracking().Where(l => l.RosterId == id).OrderBy(l => l.Date).ToListAsync(ct);
        return (roster, unit, logs);
    }

    public async Task<IReadOnlyList<RosterRow>> RostersAsync(CancellationToken ct = default)
    {
        var since = clock.Today().AddDays(-60);
        var rows = await db.DutyRosters.AsNoTracking().Where(r => r.To >= since).OrderByDescending(r => r.From).Take(300)
            .Select(r => new
            {
                r.Id, r.SchoolId, r.Title, r.From, r.To, Shifts = r.Shifts.Count, Logs = db.DutyLogs.Count(l => l.RosterId == r.Id),
                School = db.Schools.Where(s => s.Id == r.SchoolId).Select(s => s.Name).FirstOrDefault(),
                Bureau = db.Bureaus.Where(b => b.Id == r.BureauId).Select(b => b.Name).FirstOrDefault(),
            }).ToListAsync(ct);
        return rows.Select(r => new RosterRow(r.Id, r.School ?? r.Bureau ?? "", r.Title, r.From, r.To, r.Shifts, r.Logs)).ToList();
    }

    /// <summary>Who is on duty on the day in every unit of the caller's subtree, with whether the day's log is in.</summary>
    public async Task<IReadOnlyList<OnDutyRow>> OnDutyAsync(DateOnly day, CancellationToken ct = default)
    {
        var rows = await db.DutyRosters.AsNoTracking()
            .SelectMany(r => r.Shifts.Where(s => s.Date == day), (r, s) => new
            {
                r.Id, r.SchoolId, r.BureauId, s.Kind, s.Person, s.Phone, s.Leader,
                Logged = db.DutyLogs.Any(l => l.RosterId == r.Id && l.Date == day),
                School = db.Schools.Where(x => x.Id == r.SchoolId).Select(x => x.Name).FirstOrDefault(),
                Bureau = db.Bureaus.Where(b => b.Id == r.BureauId).Select(b => b.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.Select(r => new OnDutyRow(r.SchoolId, r.School ?? r.Bureau ?? "", r.Kind, r.Person, r.Phone, r.Leader, r.Logged, r.Id))
            .OrderBy(r => r.SchoolId is null ? 0 : 1).ThenBy(r => r.Unit, StringComparer.Ordinal).ThenBy(r => r.Kind).ToList();
    }

    /// <summary>
    /// For a holiday (from–to): every school of the subtree without a roster covering any of its days, and for those
    /// with one, the days up to today that have a shift but no log.
    /// </summary>
    public async Task<IReadOnlyList<DutyGapRow>> GapsAsync(DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var today = clock.Today();
        var until = to < today ? to : today;
        var schools = await db.Schools.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        var covered = await db.DutyRosters.AsNoTracking().Where(r => r.SchoolId != null && r.From <= to && r.To >= from)
            .Select(r => r.SchoolId!.Value).Distinct().ToListAsync(ct);
        var missing = (await db.DutyRosters.AsNoTracking().Where(r => r.SchoolId != null && r.From <= to && r.To >= from)
                .SelectMany(r => r.Shifts.Where(s => s.Date >= from && s.Date <= until), (r, s) => new { School = r.SchoolId!.Value, r.Id, s.Date })
                .Where(x => !db.DutyLogs.Any(l => l.RosterId == x.Id && l.Date == x.Date))
                .Select(x => new { x.School, x.Date }).Distinct()
                .GroupBy(x => x.School).Select(g => new { School = g.Key, Days = g.Count() }).ToListAsync(ct))
            .ToDictionary(x => x.School, x => x.Days);
        var has = covered.ToHashSet();
        return schools.Select(s => new DutyGapRow(s.Id, s.Name, has.Contains(s.Id), missing.GetValueOrDefault(s.Id)))
            .Where(g => !g.HasRoster || g.DaysWithoutLog > 0).ToList();
    }

    /// <summary>Reads the roster's lines: "日期 白班/夜班 值班人 [电话] [带班领导]", one a line, with the line's number on a mistake.</summary>
    public static (List<DutyShiftLine> Lines, List<string> Errors) ParseLines(string? text)
    {
        var lines = new List<DutyShiftLine>();
        var errors = new List<string>();
        var n = 0;
        foreach (var raw in (text ?? "").Split('\n'))
        {
            n++;
            var parts = raw.Replace('，', ' ').Replace(',', ' ').Replace('\t', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length == 0)
            {
                continue;
            }

            DutyShiftKind? kind = parts.Length > 1 ? parts[1] switch
            {
                "白班" or "值班" or "日班" or "day" or "Day" => DutyShiftKind.Day,
                "夜班" or "值宿" or "night" or "Night" => DutyShiftKind.Night,
                _ => null,
            } : null;
            if (parts.Length < 3 || kind is null
                || !DateOnly.TryParseExact(parts[0], ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Add(string.Format(CultureInfo.CurrentCulture, EmergencyText.DutyLineInvalid, n));
                continue;
            }

            var phone = parts.Length > 3 && parts[3].All(c => char.IsDigit(c) || c == '-') ? parts[3] : null;
            var leader = parts.Length > (phone is null ? 3 : 4) ? parts[phone is null ? 3 : 4] : null;
            lines.Add(new DutyShiftLine(date, kind.Value, parts[2], phone, leader));
        }

        return (lines, errors);
    }
}
