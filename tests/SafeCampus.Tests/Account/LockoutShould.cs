using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SafeCampus.Tests.Infrastructure;

namespace SafeCampus.Tests.Account;

/// <summary>Lockout after wrong passwords and the idle timeout of a session, both on the application's clock.</summary>
public sealed class LockoutShould(LockoutShould.Fixture app) : IClassFixture<LockoutShould.Fixture>
{
    private const string Wrong = "Wrong#Pass2026";
    private const string LoginFailed = "用户名或密码不正确。连续输错 5 次后需等待几分钟再试；忘记密码请联系本单位管理员重置。";

    public sealed class Fixture : DemoAppFactory;

    [Fact]
    public async Task LockTheAccountForAMinuteAfterFiveWrongPasswordsAndSayNothingMoreThanForAWrongOne()
    {
        var user = await TestUsers.CreateAsync(app, app.Org.QingshanFirstMiddle, TestUsers.Unique("lock"));
        var name = user.UserName!;

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            Assert.Equal(LoginFailed, await LoginErrorAsync(name, Wrong));
        }

        var lockedAt = app.Clock.GetUtcNow();
        Assert.Equal(LoginFailed, await LoginErrorAsync(name, Wrong));   // the 5th wrong password locks
        Assert.Equal(LoginFailed, await LoginErrorAsync(name, TestUsers.Password));   // the right one does not help
        var stored = await TestUsers.ReloadAsync(app, user.Id);
        Assert.Equal(lockedAt.AddMinutes(1), stored.LockoutEnd!.Value, TimeSpan.FromMilliseconds(1)); // PostgreSQL keeps microseconds

        app.Clock.Advance(TimeSpan.FromSeconds(50));
        Assert.Equal(LoginFailed, await LoginErrorAsync(name, TestUsers.Password));

        app.Clock.Advance(TimeSpan.FromSeconds(11));
        await app.LoginAsync(name, TestUsers.Password);
        Assert.Equal(0, (await TestUsers.ReloadAsync(app, user.Id)).AccessFailedCount);
    }

    [Fact]
    public async Task ForgetWrongPasswordsAfterASuccessfulSignIn()
    {
        var user = await TestUsers.CreateAsync(app, app.Org.QingshanFirstMiddle, TestUsers.Unique("lock"));
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            Assert.Equal(LoginFailed, await LoginErrorAsync(user.UserName!, Wrong));
        }

        await app.LoginAsync(user.UserName!, TestUsers.Password);
        Assert.Equal(LoginFailed, await LoginErrorAsync(user.UserName!, Wrong));
    }

    [Fact]
    public void ConfigureAThirtyMinuteSlidingSession()
    {
        var options = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        Assert.Equal(TimeSpan.FromMinutes(30), options.ExpireTimeSpan);
        Assert.True(options.SlidingExpiration);
        Assert.Equal("/account/login", options.LoginPath);
    }

    [Fact]
    public async Task EndASessionIdleForThirtyMinutesAndKeepAnActiveOneAlive()
    {
        var idle = await app.LoginAsync("qs1z.teacher");
        var active = await app.LoginAsync("qs1z.director");

        for (var i = 0; i < 3; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await active.GetAsync("/")).StatusCode);
        }

        var response = await idle.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndASessionWhoseSecurityStampChangedWithinFiveMinutes()
    {
        var user = await TestUsers.CreateAsync(app, app.Org.QingshanFirstMiddle, TestUsers.Unique("stamp"));
        var client = await app.LoginAsync(user.UserName!, TestUsers.Password);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            using var _ = scope.ServiceProvider.GetRequiredService<SafeCampus.Web.Tenancy.TenantScope>().EnterSystem("test");
            var users = scope.ServiceProvider.GetRequiredService<UserManager<SafeCampus.Web.Domain.AppUser>>();
            Assert.True((await users.UpdateSecurityStampAsync((await users.FindByIdAsync(user.Id))!)).Succeeded);
        }

        // Inside the validation interval the cookie is trusted as it is (the stamp is not read on every request) ...
        app.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        // ... and after it the changed stamp ends the session.
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private async Task<string> LoginErrorAsync(string userName, string password)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.PostFormAsync("/account/login", "login", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Forms.ErrorText(await response.Content.ReadAsStringAsync()).Replace(ErrorTitle, "", StringComparison.Ordinal).Trim();
    }

    private const string ErrorTitle = "请修改以下问题：";
}
