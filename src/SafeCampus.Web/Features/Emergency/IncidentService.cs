using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Infrastructure;

namespace SafeCampus.Web.Features.Emergency;

/// <summary>
/// Incident reports (突发事件报送): reported at once up the tree — the school's county, and the city as well when the
/// incident is 较大 or worse or someone died — followed by follow-ups (续报) until the final report (终报) closes it.
/// Each version is told to the same bureaus, once per version and person. Loads go through the tenant filter.
/// </summary>
public sealed class IncidentService(AppDbContext db, EmergencyPeople people, TimeProvider clock)
{
    /// <summary>A school's principal or safety director reports an incident of their school (首报).</summary>
    public async Task<Incident> ReportAsync(IncidentFacts facts, CancellationToken ct = default)
    {
        var actor = await people.ActorAsync(ct);
        var school = actor.SchoolId is { } id
            ? await db.Schools.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw new EmergencyNotFoundException()
            : throw new DomainException("Emergency.SchoolOnly");
        var incident = Incident.Report(school, facts, actor, clock.GetUtcNow());
        return await SaveNewAsync(incident, actor, ct);
    }

    /// <summary>
    /// A bureau reports an incident of its own, or of one of its schools; with a note, one it learned of elsewhere and
    /// the school never reported (瞒报/漏报).
    /// </summary>
    public async Task<Incident> ReportByBureauAsync(Guid? schoolId, IncidentFacts facts, string? unreportedNote, CancellationToken ct = default)
    {
        var actor = await people.ActorAsync(ct);
        var bureau = actor is { IsBureau: true, BureauId: { } bureauId }
            ? await db.Bureaus.SingleOrDefaultAsync(b => b.Id == bureauId, ct) ?? throw new DomainException("Emergency.BureauOnly")
            : throw new DomainException("Emergency.BureauOnly");
        var school = schoolId is { } sid ? await db.Schools.SingleOrDefaultAsync(s => s.Id == sid, ct) ?? throw new EmergencyNotFoundException() : null;
        var incident = Incident.ReportByBureau(bureau, school, facts, unreportedNote, actor, clock.GetUtcNow());
        return await SaveNewAsync(incident, actor, ct);
    }

    /// <summary>Appends a follow-up, or the final report that closes the incident, to the version the user saw.</summary>
    public async Task<IncidentEntry> AppendAsync(Guid id, uint version, string text, IncidentLevel level, int injured, int dead, string? measures, bool final,
        CancellationToken ct = default)
    {
        try
        {
            return await db.InTransactionAsync(async () =>
            {
                var actor = await people.ActorAsync(ct);
                var incident = await FindAsync(id, ct);
                if (incident.Version != version)
                {
                    throw new DomainException("Emergency.ConcurrentEdit");
                }

                var entry = incident.Append(text, level, injured, dead, measures, final, actor, clock.GetUtcNow());
                db.Entry(incident).Property(i => i.Version).OriginalValue = version;
                await db.SaveChangesAsync(ct);
                await NotifyAsync(incident, entry, actor, ct);
                return entry;
            }, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new DomainException("Emergency.ConcurrentEdit");
        }
    }

    public async Task<Incident> FindAsync(Guid id, CancellationToken ct) =>
        await db.Incidents.Include(i => i.Entries).SingleOrDefaultAsync(i => i.Id == id, ct) ?? throw new EmergencyNotFoundException();

    private Task<Incident> SaveNewAsync(Incident incident, EmergencyActor actor, CancellationToken ct) =>
        db.InTransactionAsync(async () =>
        {
            db.Incidents.Add(incident);
            await db.SaveChangesAsync(ct);
            await NotifyAsync(incident, incident.Entries[0], actor, ct);
            return incident;
        }, ct);

    /// <summary>
    /// The bureaus above the reporting unit that hear of this version: the school's county (unless the county itself
    /// reported), and the city for a serious incident (较大 or worse, or a death), one a county reported of its own, or one
    /// a county recorded as unreported (瞒报/漏报).
    /// </summary>
    private async Task NotifyAsync(Incident incident, IncidentEntry entry, EmergencyActor actor, CancellationToken ct)
    {
        var ids = incident.ScopePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(p => Guid.ParseExact(p, "N")).ToList();
        var city = ids[0];
        var county = ids.Count > 1 ? ids[1] : (Guid?)null;
        var serious = incident.Level >= IncidentLevel.Larger || incident.Dead > 0;
        var bureaus = new List<Guid>();
        if (incident.SchoolId is not null && county is { } c0)
        {
            bureaus.Add(c0);
        }

        if (serious || incident.SchoolId is null || incident.Unreported)
        {
            bureaus.Add(city);
        }

        bureaus.RemoveAll(b => b == actor.BureauId && actor.IsBureau);
        if (bureaus.Count == 0)
        {
            return;
        }

        var school = incident.SchoolId is { } sid ? await db.Schools.Where(s => s.Id == sid).Select(s => s.Name).SingleAsync(ct) : null;
        var c = CultureInfo.CurrentCulture;
        var title = string.Format(c, EmergencyText.IncidentNoticeTitle, EmergencyLabels.EntryKind(entry.Kind), EmergencyLabels.Kind(incident.Kind),
            school ?? EmergencyText.BureauItself);
        var body = string.Format(c, EmergencyText.IncidentNoticeBody, China.Format(incident.OccurredAt), incident.Place, EmergencyLabels.Level(entry.Level),
            entry.Injured, entry.Dead, entry.Text);
        await people.NotifyBureausAsync(bureaus, $"incident:{incident.Id}:{entry.Seq}", title, body, $"/incidents/{incident.Id}", actor.UserId, ct);
    }
}
