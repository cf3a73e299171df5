using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Features.Account;

namespace SafeCampus.Tests.Account;

/// <summary>
/// The sign-in form tells an attacker nothing about which accounts exist, cannot be used to shut an account for
/// long, is rate-limited per network address, and leaves every attempt in the audit trail.
/// </summary>
public sealed class SignInShould(SignInShould.Fixture app) : IClassFixture<SignInShould.Fixture>
{
    private const string Wrong = SignInForm.WrongPassword;
    private const string LoginFailed = SignInForm.Failed;

    public sealed class Fixture : DemoAppFactory;

    [Fact]
    public async Task AnswerAnUnknownNameAWrongPasswordAndALockedAccountInTheSameWords()
    {
        var locked = await TestUsers.CreateAsync(app, app.Org.QingshanFirstMiddle, TestUsers.Unique("same"));
        for (var i = 0; i < 5; i++)
        {
            await LoginErrorAsync(locked.UserName!, Wrong);
        }

        Assert.NotNull((await TestUsers.ReloadAsync(app, locked.Id)).LockoutEnd);
        var known = await TestUsers.CreateAsync(app, app.Org.QingshanFirstMiddle, TestUsers.Unique("same"));

        Assert.Equal(LoginFailed, await LoginErrorAsync("nobody.at.all", Wrong));
        Assert.Equal(LoginFailed, await LoginErrorAsync(known.UserName!, Wrong));
        Assert.Equal(LoginFailed, await LoginErrorAsync(locked.UserName!, Wrong));
        Assert.Equal(LoginFailed, await LoginErrorAsync(locked.UserName!, TestUsers.Password));
    }

    [Fact]
    public async Task DoubleTheLockoutEachTimeUpToFifteenMinutes()
    {
        var user = await TestUsers.CreateAsync(app, app.Org.QingshanFirstMiddle, TestUsers.Unique("twice"));
        foreach (var minutes in new[] { 1, 2, 4, 8, 15, 15 })
        {
            var lockedAt = app.Clock.GetUtcNow();
            for (var i = 0; i < 5; i++)
            {
                await LoginErrorAsync(user.UserName!, Wrong);
            }

            var end = (await TestUsers.ReloadAsync(app, user.Id)).LockoutEnd!.Value;
            Assert.Equal(lockedAt.AddMinutes(minutes), end, TimeSpan.FromMilliseconds(1));
            app.Clock.Advance(TimeSpan.FromMinutes(minutes) + TimeSpan.FromSeconds(1));
        }

        // A day later the count starts again.
        app.Clock.Advance(TimeSpan.FromHours(24));
        var again = app.Clock.GetUtcNow();
        for (var i = 0; i < 5; i++)
        {
            await LoginErrorAsync(user.UserName!, Wrong);
        }

        Assert.Equal(again.AddMinutes(1), (await TestUsers.ReloadAsync(app, user.Id)).LockoutEnd!.Value, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task TellADisabledAccountOnlyToSomeoneWhoKnowsItsPassword()
    {
        var user = await TestUsers.CreateAsync(app, app.Org.QingshanFirstMiddle, TestUsers.Unique("gone"));
        await using (var db = app.Db())
        {
            var stored = await db.Users.SingleAsync(u => u.Id == user.Id);
            stored.IsDisabled = true;
            stored.LockoutEnd = DateTimeOffset.MaxValue;
            await db.SaveChangesAsync();
        }

        Assert.Equal(LoginFailed, await LoginErrorAsync(user.UserName!, Wrong));
        Assert.Equal("该账户已停用，请联系管理员。", await LoginErrorAsync(user.UserName!, TestUsers.Password));
    }

    [Fact]
    public async Task RecordSignInsFailuresAndLockoutsInTheAuditTrail()
    {
        var user = await TestUsers.CreateAsync(app, app.Org.QingshanFirstMiddle, TestUsers.Unique("audit"));
        await app.LoginAsync(user.UserName!, TestUsers.Password);
        for (var i = 0; i < 5; i++)
        {
            await LoginErrorAsync(user.UserName!, Wrong);
        }

        var stranger = "ghost." + Guid.NewGuid().ToString("N")[..6];
        await LoginErrorAsync(stranger, Wrong);

        await using var db = app.Db();
        var mine = await db.AuditEntries.Where(a => a.Entity == SignInProtection.Entity && a.EntityKey == user.Id)
            .OrderBy(a => a.Id).Select(a => new { a.Action, a.UserName, a.ScopePath, a.After }).ToListAsync();
        Assert.Equal(["Succeeded", "Failed", "Failed", "Failed", "Failed", "LockedOut", "Failed"], mine.Select(a => a.Action));
        Assert.All(mine, a => Assert.Equal(user.UserName, a.UserName));
        Assert.All(mine, a => Assert.Equal(user.ScopePath, a.ScopePath));
        Assert.Equal(1.0, JsonDocument.Parse(mine[5].After!).RootElement.GetProperty("Details").GetProperty("Minutes").GetDouble());

        var unknown = await db.AuditEntries.SingleAsync(a => a.Entity == SignInProtection.Entity && a.UserName == stranger);
        Assert.Equal(("Failed", "-", null), (unknown.Action, unknown.EntityKey, unknown.UserId));
    }

    private Task<string> LoginErrorAsync(string userName, string password) => SignInForm.ErrorAsync(app, userName, password);
}

/// <summary>The per-address limit of sign-in posts, switched on with a small number for the test.</summary>
public sealed class SignInRateLimitShould(SignInRateLimitShould.Fixture app) : IClassFixture<SignInRateLimitShould.Fixture>
{
    public sealed class Fixture : DemoAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Account:SignIn:PerIpPerMinute", "3");
        }
    }

    [Fact]
    public async Task RefuseTheFourthSignInPostOfAMinuteInChineseAndAcceptAgainAfterwards()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var form = new Dictionary<string, string> { ["Input.UserName"] = "qs1z.teacher", ["Input.Password"] = "Wrong#Pass2026" };
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostFormAsync("/account/login", "login", form)).StatusCode);
        }

        var refused = await client.PostFormAsync("/account/login", "login", form);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("登录尝试过于频繁，请一分钟后再试。", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var (nonce, html) = await SafeCampus.Tests.Platform.CspAssert.AssertPagePolicyAsync(refused, "429 page");
        SafeCampus.Tests.Platform.CspAssert.AssertInlineElementsCarry(nonce, html, "429 page");
        // Only the form's posts count: the page itself still opens.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
    }
}
