using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Notifications;

/// <summary>What to tell one user. <paramref name="IdempotencyKey"/> names the logical event: the same key is sent once.</summary>
public sealed record NotificationMessage(string UserId, string IdempotencyKey, string Title, string Body, string? Link = null, bool Email = true);

/// <summary>
/// Writes in-app notifications and queues their e-mail copy. A notification whose idempotency key already exists is
/// not written again, so a retried or duplicated job never notifies twice. Joins the caller's transaction if any.
/// </summary>
public sealed class Notifier(AppDbContext db, TimeProvider clock)
{
    /// <returns>True when the notification was new; false when the key had been sent already.</returns>
    public async Task<bool> NotifyAsync(NotificationMessage message, CancellationToken ct = default)
    {
        var user = await db.Users.Where(u => u.Id == message.UserId)
            .Select(u => new { u.ScopePath, u.Email })
            .SingleOrDefaultAsync(ct) ?? throw new TenantViolationException($"User {message.UserId} is not visible in this scope.");
        var emailTo = message.Email && !string.IsNullOrWhiteSpace(user.Email) ? user.Email : null;
        var rows = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "Notifications" ("Id", "UserId", "ScopePath", "IdempotencyKey", "Title", "Body", "Link",
                "CreatedAt", "EmailTo", "EmailState", "EmailAttempts")
            VALUES ({Guid.CreateVersion7()}, {message.UserId}, {user.ScopePath}, {message.IdempotencyKey},
                {message.Title}, {message.Body}, {message.Link}, {clock.GetUtcNow()}, {emailTo},
                {(int)(emailTo is null ? EmailState.None : EmailState.Pending)}, 0)
            ON CONFLICT ("IdempotencyKey") DO NOTHING
            """, ct);
        return rows == 1;
    }

    public async Task MarkReadAsync(string userId, Guid? id, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await db.Notifications
            .Where(n => n.UserId == userId && n.ReadAt == null && (id == null || n.Id == id))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }
}
