using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Notifications;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Emergency;

/// <summary>The record does not exist in the caller's scope. Pages show "not found".</summary>
public sealed class EmergencyNotFoundException() : Exception("Not found in scope.");

/// <summary>The signed-in user as an actor, and the people a warning or an incident is told to.</summary>
public sealed class EmergencyPeople(AppDbContext db, TenantScope scope, Notifier notifier)
{
    public async Task<EmergencyActor> ActorAsync(CancellationToken ct = default)
    {
        var user = await db.Users.Where(u => u.Id == scope.UserId).Select(u => new { u.Id, u.FullName, u.Role, u.SchoolId, u.BureauId }).SingleOrDefaultAsync(ct)
            ?? throw new DomainException("Emergency.NotAllowed");
        return new EmergencyActor(user.Id, user.FullName, user.Role, user.SchoolId, user.BureauId);
    }

    /// <summary>Principals and safety directors of the schools (enabled accounts), by school.</summary>
    public async Task<ILookup<Guid, string>> SchoolLeadsAsync(IReadOnlyCollection<Guid> schoolIds, CancellationToken ct) =>
        (await db.Users.Where(u => u.SchoolId != null && schoolIds.Contains(u.SchoolId.Value) && !u.IsDisabled
                                   && (u.Role == UserRole.Principal || u.Role == UserRole.SafetyDirector))
            .Select(u => new { u.Id, SchoolId = u.SchoolId!.Value }).ToListAsync(ct))
        .ToLookup(u => u.SchoolId, u => u.Id);

    /// <summary>
    /// Tells the staff of the bureaus (administrators and safety officers) at once, in-app and by e-mail, each once per
    /// key. Reports go up the tree, above the reporter's scope: the lookup and the notification rows (written by
    /// <see cref="Notifier"/>'s own statement, never through the change tracker) run with the whole tree visible, for
    /// exactly the bureaus the caller named.
    /// </summary>
    public async Task NotifyBureausAsync(IReadOnlyCollection<Guid> bureauIds, string keyPrefix, string title, string body, string link, string? exceptUserId, CancellationToken ct)
    {
        using var _ = scope.EnterSystem("emergency-report");
        var staff = await db.Users.Where(u => u.BureauId != null && bureauIds.Contains(u.BureauId.Value) && u.SchoolId == null && !u.IsDisabled
                                              && (u.Role == UserRole.BureauAdmin || u.Role == UserRole.BureauSafetyOfficer) && u.Id != exceptUserId)
            .Select(u => u.Id).ToListAsync(ct);
        foreach (var user in staff)
        {
            await notifier.NotifyAsync(new NotificationMessage(user, $"{keyPrefix}:{user}", title, body, link), ct);
        }
    }
}
