using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Account;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Account;

public sealed class OneTimePasswordHousekeepingShould(OneTimePasswordHousekeepingShould.Fixture app)
    : IClassFixture<OneTimePasswordHousekeepingShould.Fixture>
{
    public sealed class Fixture : DemoAppFactory;

    [Fact]
    public async Task VoidAnExpiredOneTimePasswordOnceAndTellTheAdministratorsAboveOnce()
    {
        var now = app.Clock.GetUtcNow();
        var expiring = await TestUsers.CreateAsync(app, app.Org.QingshanPrimary, TestUsers.Unique("otp"), oneTimeUntil: now.AddDays(7));
        var valid = await TestUsers.CreateAsync(app, app.Org.QingshanPrimary, TestUsers.Unique("otp"), oneTimeUntil: now.AddDays(30));
        var changed = await TestUsers.CreateAsync(app, app.Org.QingshanPrimary, TestUsers.Unique("otp"), oneTimeUntil: now.AddDays(7));
        await ChangePasswordAsync(changed.Id);
        var changedBefore = await TestUsers.ReloadAsync(app, changed.Id);
        var validBefore = await TestUsers.ReloadAsync(app, valid.Id);

        app.Clock.Advance(TimeSpan.FromDays(8));
        var first = await RunAsync();
        var second = await RunAsync();

        Assert.True(first >= 1);
        Assert.Equal(0, second);
        var voided = await TestUsers.ReloadAsync(app, expiring.Id);
        Assert.Null(voided.PasswordHash);
        Assert.NotEqual(expiring.SecurityStamp, voided.SecurityStamp);
        Assert.True(voided.MustChangePassword);

        foreach (var (before, id) in new[] { (changedBefore, changed.Id), (validBefore, valid.Id) })
        {
            var after = await TestUsers.ReloadAsync(app, id);
            Assert.Equal(before.PasswordHash, after.PasswordHash);
            Assert.Equal(before.SecurityStamp, after.SecurityStamp);
        }

        await using var db = TestDatabase.CreateSystemContext(app.ConnectionString);
        // The county's administrators and the city's: every administrator whose subtree holds the school.
        var admins = await db.Users.Where(u => u.Role == UserRole.BureauAdmin && u.SchoolId == null
            && (u.BureauId == app.Org.Qingshan.Id || u.BureauId == app.Org.City.Id)).Select(u => u.Id).ToListAsync();
        Assert.Contains(await db.Users.Where(u => u.UserName == "city.admin").Select(u => u.Id).SingleAsync(), admins);
        Assert.Contains(await db.Users.Where(u => u.UserName == "qs.admin").Select(u => u.Id).SingleAsync(), admins);
        var notes = await db.Notifications.AsNoTracking().Where(n => n.IdempotencyKey.StartsWith($"otp-expired:{expiring.Id}:")).ToListAsync();
        Assert.Equal(admins.Order(), notes.Select(n => n.UserId).Order());
        Assert.All(notes, n => Assert.Contains(expiring.UserName!, n.Title, StringComparison.Ordinal));
        Assert.All(notes, n => Assert.Equal(EmailState.Pending, n.EmailState));
        Assert.False(await db.Notifications.AnyAsync(n => n.IdempotencyKey.StartsWith($"otp-expired:{changed.Id}:") || n.IdempotencyKey.StartsWith($"otp-expired:{valid.Id}:")));
    }

    [Fact]
    public async Task NotifyOnceEvenWhenTheSameExpiryIsProcessedAgain()
    {
        var user = await TestUsers.CreateAsync(app, app.Org.QingshanFirstMiddle, TestUsers.Unique("otp"), oneTimeUntil: app.Clock.GetUtcNow().AddDays(1));
        app.Clock.Advance(TimeSpan.FromDays(2));
        await RunAsync();

        // A crashed run, restored backup or hand edit puts the same one-time password back: no second message.
        await using (var db = TestDatabase.CreateSystemContext(app.ConnectionString))
        {
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, user.PasswordHash));
        }

        await RunAsync();
        await using var check = TestDatabase.CreateSystemContext(app.ConnectionString);
        var notes = await check.Notifications.CountAsync(n => n.IdempotencyKey.StartsWith($"otp-expired:{user.Id}:"));
        var admins = await check.Users.CountAsync(u => u.Role == UserRole.BureauAdmin && u.SchoolId == null
            && (u.BureauId == app.Org.Qingshan.Id || u.BureauId == app.Org.City.Id));
        Assert.Equal(admins, notes);
        Assert.Null((await TestUsers.ReloadAsync(app, user.Id)).PasswordHash);
    }

    [Fact]
    public async Task TellTheCountyAndTheCityAboutACountyUserButNotASiblingCounty()
    {
        var user = await CreateBureauUserAsync(app.Org.Yunxi, TestUsers.Unique("otpb"), app.Clock.GetUtcNow().AddDays(1));
        app.Clock.Advance(TimeSpan.FromDays(2));
        await RunAsync();

        await using var db = TestDatabase.CreateSystemContext(app.ConnectionString);
        var told = await db.Notifications.Where(n => n.IdempotencyKey.StartsWith($"otp-expired:{user.Id}:"))
            .Join(db.Users, n => n.UserId, u => u.Id, (n, u) => u.UserName!).ToListAsync();
        var expected = await db.Users.Where(u => u.Role == UserRole.BureauAdmin && !u.IsDisabled
            && (u.BureauId == app.Org.Yunxi.Id || u.BureauId == app.Org.City.Id) && u.SchoolId == null).Select(u => u.UserName!).ToListAsync();
        Assert.Equal(expected.Order(), told.Order());
        Assert.Contains("city.admin", told);
        Assert.Contains("yx.admin", told);
        Assert.DoesNotContain("qs.admin", told);
    }

    private async Task<AppUser> CreateBureauUserAsync(Bureau bureau, string userName, DateTimeOffset oneTimeUntil)
    {
        await using var scope = app.Services.CreateAsyncScope();
        using var _ = scope.ServiceProvider.GetRequiredService<TenantScope>().EnterSystem("test");
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = AppUser.ForBureau(bureau, userName, "测试科员", UserRole.BureauSafetyOfficer, app.Clock.GetUtcNow());
        user.MustChangePassword = true;
        user.OneTimePasswordExpiresAt = oneTimeUntil;
        Assert.True((await users.CreateAsync(user, TestUsers.Password)).Succeeded);
        return user;
    }

    private async Task<int> RunAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        using var _ = scope.ServiceProvider.GetRequiredService<TenantScope>().EnterSystem("test");
        var job = ActivatorUtilities.CreateInstance<OneTimePasswordHousekeepingJob>(scope.ServiceProvider);
        return await job.RunAsync(CancellationToken.None);
    }

    /// <summary>What the change-password page does for a user signing in with a one-time password.</summary>
    private async Task ChangePasswordAsync(string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        using var _ = scope.ServiceProvider.GetRequiredService<TenantScope>().EnterSystem("test");
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByIdAsync(userId))!;
        Assert.True((await users.ChangePasswordAsync(user, TestUsers.Password, "Own#Password2026")).Succeeded);
        user.MustChangePassword = false;
        user.OneTimePasswordExpiresAt = null;
        Assert.True((await users.UpdateAsync(user)).Succeeded);
    }
}
