using System.Security.Claims;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SafeCampus.Web.Components.Shared;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Infrastructure.Scheduling;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Account;

public static class IdentitySetup
{
    public const string MustChangePasswordClaim = "sc:mustchange";
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan OneTimePasswordLifetime = TimeSpan.FromDays(7);

    public static IHostApplicationBuilder AddSafeCampusIdentity(this IHostApplicationBuilder builder)
    {
        builder.Services
            .AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddIdentityCookies();
        builder.Services
            .AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = SignInProtection.FirstLockout; // escalates: AppUserManager
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddUserManager<AppUserManager>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<AppClaimsFactory>()
            .AddPasswordValidator<CharacterClassPasswordValidator>()
            .AddErrorDescriber<ChineseIdentityErrorDescriber>();

        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(5));
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.ExpireTimeSpan = IdleTimeout;
            o.SlidingExpiration = true;
            o.Cookie.Name = "sc.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the request is https, also behind a TLS-terminating proxy (ForwardedHeadersSettings).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // One answer for a signed-in user on a page their role may not open, wherever the check is (a page's
            // [Authorize(Roles)], an endpoint's RequireAuthorization): 403 with the Chinese not-allowed page (the
            // status-code page), never a redirect. Someone not signed in is still sent to the sign-in page.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            o.Events.OnValidatePrincipal = async context =>
            {
                // The validator checks the stamp once per ValidationInterval and does nothing in between; its own
                // rule is repeated here so that a request inside the interval does not first build the validator's
                // SignInManager, UserManager and DbContext (a fifth of the app's CPU on a 三防 return post).
                var stamp = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
                if (context.Properties.IssuedUtc is { } issued && (stamp.TimeProvider ?? TimeProvider.System).GetUtcNow() - issued <= stamp.ValidationInterval)
                {
                    return;
                }

                // The security-stamp check loads the user through the tenant-filtered context: give it the
                // principal's own scope before the tenant middleware runs.
                context.HttpContext.RequestServices.GetRequiredService<TenantScope>().SetFrom(context.Principal);
                await SecurityStampValidator.ValidatePrincipalAsync(context);
            };
        });
        // Keys persist so that sign-ins and form tokens survive restarts; point several instances at one folder.
        builder.Services.AddDataProtection()
            .SetApplicationName("SafeCampus")
            .PersistKeysToFileSystem(new DirectoryInfo(builder.Configuration["DataProtection:KeysPath"]
                ?? Path.Combine(builder.Environment.ContentRootPath, "..", "..", ".data", "keys")))
            .ProtectKeysFromConfiguration(builder.Configuration);
        builder.Services.AddCascadingAuthenticationState();
        builder.AddJob<OneTimePasswordHousekeepingJob>("otp-housekeeping", "30 2 * * *");
        builder.Services.AddAuthorization(o => o.FallbackPolicy = o.DefaultPolicy);
        builder.AddSignInProtection();
        return builder;
    }

    /// <summary>Sends a user whose password is a one-time password to the change-password page first.</summary>
    public static IApplicationBuilder UseForcedPasswordChange(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (context.User.HasClaim(MustChangePasswordClaim, "1")
                && !path.StartsWithSegments("/account")
                && !path.StartsWithSegments("/_framework")
                && !path.StartsWithSegments("/_content")
                && !path.StartsWithSegments("/css")
                && !path.StartsWithSegments("/healthz")
                && !Path.HasExtension(path.Value))
            {
                context.Response.Redirect("/account/change-password");
                return;
            }

            await next();
        });
}

/// <summary>Puts role, scope and display name into the cookie so pages and filters need no extra query.</summary>
public sealed class AppClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options, AppDbContext db)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimTypes.Role, user.Role.ToString()));
        identity.AddClaim(new Claim(TenantScope.ScopeClaim, user.ScopePath));
        identity.AddClaim(new Claim(TenantScope.FullNameClaim, user.FullName));
        var org = user.SchoolId is { } sid
            ? await db.Schools.AcrossTenants().Where(s => s.Id == sid).Select(s => s.Name).SingleOrDefaultAsync()
            : await db.Bureaus.AcrossTenants().Where(b => b.Id == user.BureauId).Select(b => b.Name).SingleOrDefaultAsync();
        identity.AddClaim(new Claim(ClaimNames.OrgName, org ?? ""));
        if (user.BureauId is { } bureau)
        {
            identity.AddClaim(new Claim(TenantScope.BureauClaim, bureau.ToString()));
        }

        if (user.SchoolId is { } school)
        {
            identity.AddClaim(new Claim(TenantScope.SchoolClaim, school.ToString()));
        }

        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(IdentitySetup.MustChangePasswordClaim, "1"));
        }

        return identity;
    }
}

/// <summary>At least three of four character classes: lower case, upper case, digits, symbols.</summary>
public sealed class CharacterClassPasswordValidator : IPasswordValidator<AppUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        password ??= "";
        var classes = new[]
        {
            password.Any(char.IsLower), password.Any(char.IsUpper), password.Any(char.IsDigit),
            password.Any(c => !char.IsLetterOrDigit(c)),
        }.Count(x => x);
        return Task.FromResult(classes >= 3
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = "PasswordClasses", Description = AccountText.PasswordClasses }));
    }
}
