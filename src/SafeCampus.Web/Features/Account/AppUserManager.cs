using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Features.Account;

/// <summary>
/// Identity's user manager on the application's clock. Identity reads <c>DateTimeOffset.UtcNow</c> for lockout; here
/// the lockout starts and ends by the injected <see cref="TimeProvider"/>, like every other rule in the app (and so
/// the lockout is testable without waiting), and its length grows with repeated lockouts (<see cref="SignInProtection"/>).
/// </summary>
public sealed class AppUserManager(
    IUserStore<AppUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<AppUser> passwordHasher,
    IEnumerable<IUserValidator<AppUser>> userValidators,
    IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<AppUser>> logger,
    TimeProvider clock,
    SignInAudit audit)
    : UserManager<AppUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    private IUserLockoutStore<AppUser> LockoutStore =>
        Store as IUserLockoutStore<AppUser> ?? throw new NotSupportedException("The user store does not support lockout.");

    public override async Task<bool> IsLockedOutAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await LockoutStore.GetLockoutEnabledAsync(user, CancellationToken))
        {
            return false;
        }

        return await LockoutStore.GetLockoutEndDateAsync(user, CancellationToken) >= clock.GetUtcNow();
    }

    public override async Task<IdentityResult> AccessFailedAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var failures = await LockoutStore.IncrementAccessFailedCountAsync(user, CancellationToken);
        if (failures >= Options.Lockout.MaxFailedAccessAttempts)
        {
            // Escalating, not fixed: 1 minute, doubling with each lockout of the last 24 hours, at most 15 minutes.
            var span = SignInProtection.LockoutFor(await audit.RecentLockoutsAsync(user));
            await LockoutStore.SetLockoutEndDateAsync(user, clock.GetUtcNow().Add(span), CancellationToken);
            await LockoutStore.ResetAccessFailedCountAsync(user, CancellationToken);
            audit.Add(SignInAudit.LockedOut, user, user.UserName ?? "", new { Minutes = span.TotalMinutes });
        }

        return await UpdateUserAsync(user);
    }
}
