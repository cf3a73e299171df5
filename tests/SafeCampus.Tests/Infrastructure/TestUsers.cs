using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Infrastructure;

/// <summary>Users made for one test, so that tests sharing a database never share an account's state.</summary>
public static class TestUsers
{
    public const string Password = "Temp#Pass2026";

    /// <param name="oneTimeUntil">When set, the password is a one-time password expiring then.</param>
    public static async Task<AppUser> CreateAsync(AppFactory app, School school, string userName, DateTimeOffset? oneTimeUntil = null,
        UserRole role = UserRole.SchoolStaff, string password = Password)
    {
        await using var scope = app.Services.CreateAsyncScope();
        using var _ = scope.ServiceProvider.GetRequiredService<TenantScope>().EnterSystem("test");
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var user = AppUser.ForSchool(school, userName, "测试用户" + userName[^4..], role, now);
        user.Email = $"{userName}@test.safecampus.local";
        if (oneTimeUntil is { } until)
        {
            user.MustChangePassword = true;
            user.OneTimePasswordExpiresAt = until;
        }

        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        return user;
    }

    /// <summary>The user as stored now, read past the tenant filter.</summary>
    public static async Task<AppUser> ReloadAsync(AppFactory app, string userId)
    {
        var scope = new TenantScope();
        using var _ = scope.EnterSystem("test");
        await using var db = TestDatabase.CreateContext(app.ConnectionString, scope);
        return await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId);
    }

    public static string Unique(string prefix) => $"{prefix}.{Guid.NewGuid():N}"[..(prefix.Length + 9)];
}
