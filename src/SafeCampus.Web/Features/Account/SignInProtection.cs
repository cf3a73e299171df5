using System.Net;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Features.Account;

/// <summary>Limits of the sign-in form. Configure under "Account:SignIn".</summary>
public sealed class SignInLimits
{
    /// <summary>Sign-in posts per IP address and minute (0: no limit). A school's staff often share one address.</summary>
    public int PerIpPerMinute { get; set; } = 30;
}

/// <summary>
/// The walls around the sign-in form (docs/security.md):
/// per IP, ASP.NET Core's rate limiter on the form's posts; per account, Identity's lockout after five wrong
/// passwords, for 1 minute and doubling with each lockout of the last 24 hours up to 15 (so that whoever knows a user
/// name cannot keep the account shut for long, and the administrator's password reset opens it at once); every
/// sign-in, failure, refusal and lockout in the audit trail.
/// </summary>
public static class SignInProtection
{
    public const string Entity = "SignIn";
    public static readonly TimeSpan FirstLockout = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan LongestLockout = TimeSpan.FromMinutes(15);

    public static IHostApplicationBuilder AddSignInProtection(this IHostApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection("Account:SignIn").Get<SignInLimits>() ?? new SignInLimits();
        builder.Services.AddScoped<SignInAudit>();
        if (limits.PerIpPerMinute <= 0)
        {
            return builder;
        }

        var signIn = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            IsSignInPost(http.Request)
                ? RateLimitPartition.GetFixedWindowLimiter("signin:" + http.Connection.RemoteIpAddress,
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PerIpPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter(""));
        builder.Services.AddRateLimiter(_ => { });
        // After every area's own AddRateLimiter: chain the sign-in limiter onto whatever global limiter they set, and
        // answer a refused sign-in with a page of its own.
        builder.Services.PostConfigure<RateLimiterOptions>(o =>
        {
            o.GlobalLimiter = o.GlobalLimiter is { } other ? PartitionedRateLimiter.CreateChained(other, signIn) : signIn;
            var previous = o.OnRejected;
            o.OnRejected = async (context, ct) =>
            {
                if (!IsSignInPost(context.HttpContext.Request))
                {
                    if (previous is not null)
                    {
                        await previous(context, ct);
                    }

                    return;
                }

                var response = context.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = "60";
                response.ContentType = "text/html; charset=utf-8";
                await response.WriteAsync(
                    $"<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">" +
                    $"<title>{WebUtility.HtmlEncode(AccountText.TooManySignIns)}</title><link rel=\"stylesheet\" href=\"/css/site.css\">" +
                    $"<main class=\"narrow\"><h1>{WebUtility.HtmlEncode(AccountText.LoginTitle)}</h1><p class=\"notice error\" role=\"alert\">" +
                    $"{WebUtility.HtmlEncode(AccountText.TooManySignIns)}</p><p><a href=\"/account/login\">{WebUtility.HtmlEncode(AccountText.BackToLogin)}</a></p></main>",
                    ct);
            };
        });
        return builder;
    }

    private static bool IsSignInPost(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals("/account/login", StringComparison.OrdinalIgnoreCase);

    /// <summary>How long the account is locked after this lockout: 1 minute, doubled for each earlier one in 24 hours.</summary>
    public static TimeSpan LockoutFor(int earlierLockouts) =>
        TimeSpan.FromTicks(Math.Min(LongestLockout.Ticks, FirstLockout.Ticks << Math.Min(earlierLockouts, 10)));
}

/// <summary>Writes sign-in events into the audit trail: who tried which user name, from where, with what outcome.</summary>
public sealed class SignInAudit(AppDbContext db, TimeProvider clock, IHttpContextAccessor http)
{
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Refused = "Refused";
    public const string LockedOut = "LockedOut";

    /// <summary>Adds the entry to the context; the caller's SaveChanges writes it (with the user's own change, if any).</summary>
    public void Add(string action, AppUser? user, string attemptedName, object? details = null)
    {
        var context = http.HttpContext;
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            UserId = user?.Id,
            UserName = attemptedName.Length > 256 ? attemptedName[..256] : attemptedName,
            ScopePath = user?.ScopePath,
            Entity = SignInProtection.Entity,
            EntityKey = user?.Id ?? "-",
            Action = action,
            After = JsonSerializer.Serialize(new
            {
                Ip = context?.Connection.RemoteIpAddress?.ToString(),
                UserAgent = context?.Request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? (ua.Length > 300 ? ua[..300] : ua) : null,
                Details = details,
            }),
        });
    }

    public async Task RecordAsync(string action, AppUser? user, string attemptedName, object? details = null)
    {
        Add(action, user, attemptedName, details);
        await db.SaveChangesAsync();
    }

    /// <summary>Lockouts of this account in the 24 hours before now.</summary>
    public Task<int> RecentLockoutsAsync(AppUser user) =>
        db.AuditEntries.CountAsync(a => a.Entity == SignInProtection.Entity && a.EntityKey == user.Id && a.Action == LockedOut
            && a.At > clock.GetUtcNow().AddHours(-24));
}
