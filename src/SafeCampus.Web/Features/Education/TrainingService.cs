using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Pledges;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Education;

public sealed record SessionRow(Guid Id, string Topic, DateOnly Date, decimal Hours, string Trainer, string OrganiserName, TrainingAudience Audience, int Attended, bool Open);

public sealed record AttendeeRow(Guid PersonId, string School, string Name, SafetyRole Role, AttendanceMethod Method, DateTimeOffset At, string? CertificateNo);

public sealed record CandidateRow(Guid PersonId, Guid SchoolId, string School, string Name, SafetyRole Role);

/// <summary>What the self-check-in page shows and what a check-in did.</summary>
public sealed record CheckInView(Guid SessionId, string Topic, DateOnly Date, string OrganiserName, bool Open);

public enum CheckInOutcome
{
    CheckedIn,
    AlreadyCheckedIn,
    Closed,
    NotFound,
    PersonNotFound,
}

/// <summary>
/// Training sessions (安全培训) and attendance. A bureau user's session is the bureau's, for its schools' people; a
/// school user's is the school's. Attendance by list is written by the organiser (inside their scope, so for people
/// below them); a person checks in through the session's link without an account, matched by name and mobile
/// number among the session audience's people below the organiser — once, and only while check-in is open.
/// </summary>
public sealed class TrainingService(AppDbContext db, TenantScope scope, ReceiptTokens tokens, TimeProvider clock)
{
    public Task<TrainingSession> CreateAsync(TrainingSpec spec, CancellationToken ct = default) =>
        db.InTransactionAsync(async () =>
        {
            var token = tokens.New();
            var now = clock.GetUtcNow();
            var today = clock.Today();
            // Open from now until the end of the day after the session (China time), unless closed before.
            var until = China.StartOfDay(spec.Date.AddDays(2));
            TrainingSession session;
            if (scope.SchoolId is { } schoolId)
            {
                var school = await db.Schools.SingleAsync(s => s.Id == schoolId, ct);
                session = TrainingSession.ForSchool(school, spec, token.Hash, token.Protected, until, today, scope.UserName, now);
            }
            else
            {
                var bureau = await db.Bureaus.SingleAsync(b => b.Id == scope.BureauId, ct);
                session = TrainingSession.ForBureau(bureau, spec, token.Hash, token.Protected, until, today, scope.UserName, now);
            }

            db.TrainingSessions.Add(session);
            await db.SaveChangesAsync(ct);
            return session;
        }, ct);

    public Task<TrainingSession?> FindAsync(Guid id, CancellationToken ct = default) =>
        db.TrainingSessions.SingleOrDefaultAsync(s => s.Id == id, ct);

    public string CheckInToken(TrainingSession session) => tokens.Reveal(session.CheckInTokenProtected);

    /// <summary>Records the listed people as present: all or none; someone already present refuses the whole list.</summary>
    public Task<int> RecordAsync(Guid sessionId, IReadOnlyCollection<Guid> personIds, CancellationToken ct = default) =>
        db.InTransactionAsync(async () =>
        {
            var session = await db.TrainingSessions.SingleOrDefaultAsync(s => s.Id == sessionId, ct) ?? throw new DomainException("Education.PersonUnknown");
            if (session.Date > clock.Today())
            {
                throw new DomainException("Education.TrainingInFuture");
            }

            var ids = personIds.Distinct().ToList();
            if (ids.Count == 0)
            {
                throw new DomainException("Education.PersonUnknown");
            }

            var people = await db.SafetyPeople.Where(p => ids.Contains(p.Id) && p.IsActive && p.ScopePath.StartsWith(session.ScopePath)).ToListAsync(ct);
            if (people.Count != ids.Count)
            {
                throw new DomainException("Education.PersonUnknown");
            }

            var present = await db.TrainingAttendances.Where(a => a.SessionId == session.Id && ids.Contains(a.PersonId)).Select(a => a.PersonId).ToListAsync(ct);
            if (present.Count > 0)
            {
                throw new DomainException("Education.AlreadyAttended", string.Join("、", people.Where(p => present.Contains(p.Id)).Select(p => p.Name)));
            }

            var now = clock.GetUtcNow();
            var n = await db.TrainingAttendances.CountAsync(a => a.SessionId == session.Id, ct);
            foreach (var person in people)
            {
                db.TrainingAttendances.Add(TrainingAttendance.Record(session, person, AttendanceMethod.List, Certificate(session, ++n), scope.UserName, null, now));
            }

            await db.SaveChangesAsync(ct);
            return people.Count;
        }, ct);

    public async Task CloseAsync(Guid sessionId, CancellationToken ct = default)
    {
        var session = await db.TrainingSessions.SingleOrDefaultAsync(s => s.Id == sessionId, ct) ?? throw new DomainException("Education.PersonUnknown");
        session.CloseCheckIn(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    private static string? Certificate(TrainingSession s, int n) =>
        s.Certificates ? $"PX{s.Date:yyyyMMdd}-{s.Id.ToString("N")[^4..].ToUpperInvariant()}-{n:000}" : null;

    /// <summary>The session of a check-in link, read without a user (system scope, narrowly: one row by its token's hash).</summary>
    public async Task<CheckInView?> CheckInViewAsync(string token, CancellationToken ct = default)
    {
        if (!ReceiptTokens.IsWellFormed(token))
        {
            return null;
        }

        using var _ = scope.EnterSystem("check-in");
        var hash = ReceiptTokens.Hash(token);
        var s = await db.TrainingSessions.AsNoTracking().SingleOrDefaultAsync(x => x.CheckInTokenHash == hash, ct);
        return s is null ? null : new CheckInView(s.Id, s.Topic, s.Date, s.OrganiserName, s.IsCheckInOpen(clock.GetUtcNow()));
    }

    /// <summary>
    /// A person's own check-in through the link. Runs in the system scope (there is no user) but touches only the
    /// session the token names and a person below its organiser in its audience, matched by name and mobile number.
    /// </summary>
    public Task<CheckInOutcome> CheckInAsync(string token, string name, string phone, string? ip, CancellationToken ct = default)
    {
        if (!ReceiptTokens.IsWellFormed(token))
        {
            return Task.FromResult(CheckInOutcome.NotFound);
        }

        return db.InTransactionAsync(async () =>
        {
            using var _ = scope.EnterSystem("check-in");
            var hash = ReceiptTokens.Hash(token);
            var session = await db.TrainingSessions.SingleOrDefaultAsync(x => x.CheckInTokenHash == hash, ct);
            if (session is null)
            {
                return CheckInOutcome.NotFound;
            }

            var now = clock.GetUtcNow();
            if (!session.IsCheckInOpen(now))
            {
                return CheckInOutcome.Closed;
            }

            var n = name.Trim();
            var p = phone.Trim();
            var candidates = await db.SafetyPeople
                .Where(x => x.IsActive && x.Phone == p && x.Name == n && x.ScopePath.StartsWith(session.ScopePath))
                .ToListAsync(ct);
            var person = candidates.FirstOrDefault(x => session.IsFor(x.Role));
            if (person is null)
            {
                return CheckInOutcome.PersonNotFound;
            }

            if (await db.TrainingAttendances.AnyAsync(a => a.SessionId == session.Id && a.PersonId == person.Id, ct))
            {
                return CheckInOutcome.AlreadyCheckedIn;
            }

            var count = await db.TrainingAttendances.CountAsync(a => a.SessionId == session.Id, ct);
            db.TrainingAttendances.Add(TrainingAttendance.Record(session, person, AttendanceMethod.SelfCheckIn, Certificate(session, count + 1), null, ip, now));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: "23505" })
            {
                // The same person from two phones at once: the unique index kept one.
                return CheckInOutcome.AlreadyCheckedIn;
            }

            return CheckInOutcome.CheckedIn;
        }, ct);
    }

    /// <summary>Sessions in the scope (the organiser's and, for a bureau, its schools'), newest first.</summary>
    public Task<List<SessionRow>> SessionsAsync(int year, CancellationToken ct = default)
    {
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var now = clock.GetUtcNow();
        return db.TrainingSessions.Where(s => s.Date >= from && s.Date <= to)
            .OrderByDescending(s => s.Date).ThenBy(s => s.Topic)
            .Select(s => new SessionRow(s.Id, s.Topic, s.Date, s.Hours, s.Trainer, s.OrganiserName, s.Audience,
                db.TrainingAttendances.Count(a => a.SessionId == s.Id), s.ClosedAt == null && s.CheckInUntil > now))
            .ToListAsync(ct);
    }

    public Task<List<AttendeeRow>> AttendeesAsync(Guid sessionId, CancellationToken ct = default) =>
        db.TrainingAttendances.Where(a => a.SessionId == sessionId)
            .Join(db.SafetyPeople, a => a.PersonId, p => p.Id, (a, p) => new { a, p })
            .Join(db.Schools, x => x.p.SchoolId, s => s.Id, (x, s) => new { x.a, x.p, s })
            .OrderBy(x => x.s.Name).ThenBy(x => x.p.Role).ThenBy(x => x.p.Name)
            .Select(x => new AttendeeRow(x.p.Id, x.s.Name, x.p.Name, x.p.Role, x.a.Method, x.a.RecordedAt, x.a.CertificateNo))
            .ToListAsync(ct);

    /// <summary>People of the session's audience below its organiser who have not attended it, optionally of one school.</summary>
    public async Task<List<CandidateRow>> CandidatesAsync(TrainingSession session, Guid? schoolId, CancellationToken ct = default)
    {
        var roles = Enum.GetValues<SafetyRole>().Where(session.IsFor).ToList();
        return await db.SafetyPeople
            .Where(p => p.IsActive && p.ScopePath.StartsWith(session.ScopePath) && roles.Contains(p.Role) && (schoolId == null || p.SchoolId == schoolId)
                && !db.TrainingAttendances.Any(a => a.SessionId == session.Id && a.PersonId == p.Id))
            .Join(db.Schools, p => p.SchoolId, s => s.Id, (p, s) => new { p, s })
            .OrderBy(x => x.s.Name).ThenBy(x => x.p.Role).ThenBy(x => x.p.Name)
            .Take(1000)
            .Select(x => new CandidateRow(x.p.Id, x.s.Id, x.s.Name, x.p.Name, x.p.Role))
            .ToListAsync(ct);
    }
}
