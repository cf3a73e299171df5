using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;

namespace SafeCampus.Tests.Account;

/// <summary>Password rules, changing a password on the page, one-time passwords at sign-in.</summary>
public sealed class PasswordPolicyShould(PasswordPolicyShould.Fixture app) : IClassFixture<PasswordPolicyShould.Fixture>
{
    private const string NewPassword = "Brand#New2026";

    public sealed class Fixture : DemoAppFactory;

    [Theory]
    [InlineData("Abcdef1!x", "密码至少需要 10 个字符。")]
    [InlineData("abcdefghi1", "密码须包含大写字母、小写字母、数字、符号中的至少三类。")]
    [InlineData("ABCDEFGHI!", "密码须包含大写字母、小写字母、数字、符号中的至少三类。")]
    [InlineData("Aaaaaaaaa1", "密码至少需要 4 个不同的字符。")]
    public async Task RejectAWeakPasswordInChinese(string password, string message)
    {
        Assert.Contains(message, await PasswordErrorsAsync(password));
    }

    [Theory]
    [InlineData("Abcdefghi1")]
    [InlineData("abcdefgh1!")]
    [InlineData("校园安全教育abC1")]
    public async Task AcceptTenCharactersFromThreeClasses(string password)
    {
        Assert.Empty(await PasswordErrorsAsync(password));
    }

    [Fact]
    public async Task TellTheUserWhenTheCurrentPasswordIsWrong()
    {
        var user = await TestUsers.CreateAsync(app, app.Org.QingshanPrimary, TestUsers.Unique("pw"));
        var client = await app.LoginAsync(user.UserName!, TestUsers.Password);

        var html = await PostChangeAsync(client, "Wrong#Pass2026", NewPassword, NewPassword);

        Assert.Contains("当前密码不正确。", Forms.ErrorText(html), StringComparison.Ordinal);
        Assert.Equal((await TestUsers.ReloadAsync(app, user.Id)).PasswordHash, user.PasswordHash);
    }

    [Fact]
    public async Task TellTheUserWhenTheNewPasswordsDiffer()
    {
        var user = await TestUsers.CreateAsync(app, app.Org.QingshanPrimary, TestUsers.Unique("pw"));
        var client = await app.LoginAsync(user.UserName!, TestUsers.Password);

        var html = await PostChangeAsync(client, TestUsers.Password, NewPassword, NewPassword + "x");

        Assert.Contains("两次输入的新密码不一致。", Forms.ErrorText(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyThePolicyOnTheChangePasswordPage()
    {
        var user = await TestUsers.CreateAsync(app, app.Org.QingshanPrimary, TestUsers.Unique("pw"));
        var client = await app.LoginAsync(user.UserName!, TestUsers.Password);

        var html = await PostChangeAsync(client, TestUsers.Password, "short1A!", "short1A!");

        Assert.Contains("密码至少需要 10 个字符。", Forms.ErrorText(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeThePasswordSoThatOnlyTheNewOneSignsIn()
    {
        var user = await TestUsers.CreateAsync(app, app.Org.QingshanPrimary, TestUsers.Unique("pw"));
        var client = await app.LoginAsync(user.UserName!, TestUsers.Password);

        var response = await client.PostFormAsync("/account/change-password", "change-password", Change(TestUsers.Password, NewPassword, NewPassword));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/?changed=1", response.Headers.Location?.PathAndQuery());
        await app.LoginAsync(user.UserName!, NewPassword);
        var old = await TryLoginAsync(user.UserName!, TestUsers.Password);
        Assert.Contains("用户名或密码不正确。", old, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAUserWithAOneTimePasswordToChangeItFirst()
    {
        var user = await TestUsers.CreateAsync(app, app.Org.QingshanPrimary, TestUsers.Unique("otp"), oneTimeUntil: app.Clock.GetUtcNow().AddDays(7));
        var client = await app.LoginAsync(user.UserName!, TestUsers.Password);

        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/account/change-password", home.Headers.Location?.PathAndQuery());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/notifications")).StatusCode);
        Assert.Contains("data-testid=\"must-change\"", await client.GetStringAsync("/account/change-password"), StringComparison.Ordinal);

        var changed = await client.PostFormAsync("/account/change-password", "change-password", Change(TestUsers.Password, NewPassword, NewPassword));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        var after = await client.GetAsync("/?changed=1");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains("我的待办", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var stored = await TestUsers.ReloadAsync(app, user.Id);
        Assert.False(stored.MustChangePassword);
        Assert.Null(stored.OneTimePasswordExpiresAt);
    }

    [Fact]
    public async Task RefuseAnExpiredOneTimePassword()
    {
        var user = await TestUsers.CreateAsync(app, app.Org.QingshanPrimary, TestUsers.Unique("otp"), oneTimeUntil: app.Clock.GetUtcNow().AddMinutes(-1));

        var html = await TryLoginAsync(user.UserName!, TestUsers.Password);

        Assert.Contains("一次性密码已过期，请联系管理员重新发放。", html, StringComparison.Ordinal);
    }

    private async Task<List<string>> PasswordErrorsAsync(string password)
    {
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = AppUser.ForSchool(app.Org.QingshanPrimary, "policy.check", "规则", UserRole.SchoolStaff, app.Clock.GetUtcNow());
        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, user, password)).Errors.Select(e => e.Description));
        }

        return errors;
    }

    private static Dictionary<string, string> Change(string current, string next, string confirm) => new()
    {
        ["Input.Current"] = current, ["Input.New"] = next, ["Input.Confirm"] = confirm,
    };

    private static async Task<string> PostChangeAsync(HttpClient client, string current, string next, string confirm)
    {
        var response = await client.PostFormAsync("/account/change-password", "change-password", Change(current, next, confirm));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<string> TryLoginAsync(string userName, string password)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.PostFormAsync("/account/login", "login", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Forms.ErrorText(await response.Content.ReadAsStringAsync());
    }
}
