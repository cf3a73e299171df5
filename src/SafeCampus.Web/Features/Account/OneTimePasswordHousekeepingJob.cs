using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Notifications;
using SafeCampus.Web.Infrastructure.Scheduling;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Account;

/// <summary>
/// Nightly (02:30 China time): one-time passwords past their expiry are voided — the hash is removed and the
/// security stamp changed — and every bureau administrator whose subtree holds the user (the user's own bureau and
/// the bureaus above it: a school user's county and city) is told once per expired password.
/// </summary>
public sealed class OneTimePasswordHousekeepingJob(AppDbContext db, TenantScope scope, Notifier notifier, TimeProvider clock) : IScheduledJob
{
    public async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        using var _ = scope.EnterSystem("otp-housekeeping");
        await RunAsync(cancellationToken);
    }

    /// <returns>How many one-time passwords were voided.</returns>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expired = await db.Users
            .Where(u => u.MustChangePassword && u.OneTimePasswordExpiresAt < now && u.PasswordHash != null)
            .Select(u => u.Id).ToListAsync(ct);
        foreach (var id in expired)
        {
            await db.InTransactionAsync(async () =>
            {
                var user = await db.Users.SingleAsync(u => u.Id == id, ct);
                var expiredAt = user.OneTimePasswordExpiresAt!.Value;
                user.PasswordHash = null;
                user.SecurityStamp = Guid.NewGuid().ToString("N");
                await db.SaveChangesAsync(ct);

                // A bureau administrator's scope path is their bureau's path: those above the user are its prefixes.
                var above = Drills.DrillSettings.AncestorPaths(user.ScopePath);
                var admins = await db.Users
                    .Where(a => a.Role == UserRole.BureauAdmin && a.SchoolId == null && above.Contains(a.ScopePath) && !a.IsDisabled && a.Id != user.Id)
                    .Select(a => a.Id).ToListAsync(ct);
                foreach (var admin in admins)
                {
                    await notifier.NotifyAsync(new NotificationMessage(admin, $"otp-expired:{user.Id}:{expiredAt.ToUnixTimeSeconds()}:{admin}",
                        string.Format(System.Globalization.CultureInfo.CurrentCulture, AccountText.OtpExpiredTitle, user.FullName, user.UserName),
                        AccountText.OtpExpiredBody, $"/org/users?q={Uri.EscapeDataString(user.UserName ?? "")}"), ct);
                }
            }, ct);
        }

        return expired.Count;
    }
}
