using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Account;
using SafeCampus.Web.Features.Organisation;
using SafeCampus.Web.Features.Organisation.Users;

namespace SafeCampus.Tests.Organisation;

/// <summary>User administration. Every test creates the accounts it changes, so tests do not see each other's work.</summary>
public sealed class UsersShould(OrgFixture app) : IClassFixture<OrgFixture>
{
    private async Task<(string Id, string Password)> CreateViaPageAsync(HttpClient admin, string userName, UserRole role, Guid org, string fullName = "测试用户")
    {
        var response = await admin.PostFormAsync("/org/users/new", "user", new()
        {
            ["Input.FullName"] = fullName, ["Input.UserName"] = userName, ["Input.Email"] = "",
            ["Input.Role"] = role.ToString(), ["Input.OrgId"] = org.ToString(),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var password = Html.OneTimePassword(await response.Content.ReadAsStringAsync());
        return (await app.UserIdAsync(userName), password);
    }

    private async Task<HttpResponseMessage> TryLoginAsync(string userName, string password)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        return await client.PostFormAsync("/account/login", "login", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });
    }

    [Fact]
    public async Task CreateAUserWhoseOneTimePasswordMustBeChangedAtFirstLogin()
    {
        var school = await app.SchoolIdAsync("青山县实验小学");
        var admin = await app.LoginAsync("qs.admin");
        var response = await admin.PostFormAsync("/org/users/new", "user", new()
        {
            ["Input.FullName"] = "林小燕", ["Input.UserName"] = "qssx.lin", ["Input.Email"] = "lin@example.cn",
            ["Input.Role"] = "SafetyDirector", ["Input.OrgId"] = school.ToString(),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("只显示这一次", html, StringComparison.Ordinal);
        var password = Html.OneTimePassword(html);
        Assert.True(password.Length >= 12);

        var user = await app.QueryAsync(db => db.Users.SingleAsync(u => u.UserName == "qssx.lin"));
        Assert.True(user.MustChangePassword);
        Assert.Equal(app.Clock.GetUtcNow() + IdentitySetup.OneTimePasswordLifetime, user.OneTimePasswordExpiresAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal((UserRole.SafetyDirector, school, "林小燕", "lin@example.cn"), (user.Role, user.SchoolId!.Value, user.FullName, user.Email));
        Assert.NotNull(user.PasswordHash);
        Assert.DoesNotContain(password, user.PasswordHash, StringComparison.Ordinal);

        // The list shows the new account as needing a password change.
        var list = await admin.GetStringAsync("/org/users?q=qssx.lin");
        Assert.Contains("需修改密码", list, StringComparison.Ordinal);

        var client = await app.LoginAsync("qssx.lin", password);
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/account/change-password", Html.RedirectPath(home));

        var change = await client.PostFormAsync("/account/change-password", "change-password", new()
        {
            ["Input.Current"] = password, ["Input.New"] = "Qingshan#2026lin", ["Input.Confirm"] = "Qingshan#2026lin",
        });
        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);

        var after = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains("我的待办", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.Users.Where(u => u.UserName == "qssx.lin").Select(u => u.MustChangePassword).SingleAsync()));
    }

    [Fact]
    public async Task RejectAUserNameTakenInAnotherCounty()
    {
        var qs = await app.BureauIdAsync("青山县教育局");
        var admin = await app.LoginAsync("qs.admin");
        var count = await app.QueryAsync(db => db.Users.CountAsync());

        var response = await admin.PostFormAsync("/org/users/new", "user", new()
        {
            ["Input.FullName"] = "重名者", ["Input.UserName"] = "yx.safety", ["Input.Role"] = "BureauSafetyOfficer", ["Input.OrgId"] = qs.ToString(),
        });

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("用户名“yx.safety”已被使用。", Forms.ErrorText(html), StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"otp\"", html, StringComparison.Ordinal);
        Assert.Equal(count, await app.QueryAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task RejectInvalidInputWithChineseMessages()
    {
        var qs = await app.BureauIdAsync("青山县教育局");
        var admin = await app.LoginAsync("qs.admin");
        var count = await app.QueryAsync(db => db.Users.CountAsync());

        var wrongUnit = await admin.PostFormAsync("/org/users/new", "user", new()
        {
            ["Input.FullName"] = "张三", ["Input.UserName"] = "zhang san", ["Input.Email"] = "not-an-email",
            ["Input.Role"] = "Principal", ["Input.OrgId"] = qs.ToString(),
        });
        var errors = Forms.ErrorText(await wrongUnit.Content.ReadAsStringAsync());
        Assert.Contains("学校角色的用户须选择一所学校作为所属单位。", errors, StringComparison.Ordinal);
        Assert.Contains("电子邮箱格式不正确。", errors, StringComparison.Ordinal);

        var badName = await admin.PostFormAsync("/org/users/new", "user", new()
        {
            ["Input.FullName"] = "张三", ["Input.UserName"] = "zhang san", ["Input.Role"] = "BureauSafetyOfficer", ["Input.OrgId"] = qs.ToString(),
        });
        Assert.Contains("用户名只能包含字母、数字和 - . _ @。", Forms.ErrorText(await badName.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var missing = await admin.PostFormAsync("/org/users/new", "user", new() { ["Input.FullName"] = "", ["Input.UserName"] = "", ["Input.Role"] = "" });
        var missingErrors = Forms.ErrorText(await missing.Content.ReadAsStringAsync());
        Assert.Contains("请填写姓名。", missingErrors, StringComparison.Ordinal);
        Assert.Contains("请填写用户名。", missingErrors, StringComparison.Ordinal);
        Assert.Contains("请选择角色。", missingErrors, StringComparison.Ordinal);

        Assert.Equal(count, await app.QueryAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task RefuseAUnitOutsideTheAdminsScope()
    {
        var yxKindergarten = await app.SchoolIdAsync("云溪区第一幼儿园");
        var city = await app.BureauIdAsync("临江市教育局");
        var admin = await app.LoginAsync("qs.admin");

        var school = await admin.PostFormAsync("/org/users/new", "user", new()
        {
            ["Input.FullName"] = "越界者", ["Input.UserName"] = "yxyey.intruder", ["Input.Role"] = "SafetyDirector", ["Input.OrgId"] = yxKindergarten.ToString(),
        });
        Assert.Contains("学校角色的用户须选择一所学校作为所属单位。", Forms.ErrorText(await school.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var bureau = await admin.PostFormAsync("/org/users/new", "user", new()
        {
            ["Input.FullName"] = "越界者", ["Input.UserName"] = "city.intruder", ["Input.Role"] = "BureauAdmin", ["Input.OrgId"] = city.ToString(),
        });
        Assert.Contains("教育局角色的用户须选择一个教育局作为所属单位。", Forms.ErrorText(await bureau.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        Assert.False(await app.QueryAsync(db => db.Users.AnyAsync(u => u.UserName!.EndsWith(".intruder"))));
    }

    [Fact]
    public async Task LetACityAdminCreateACountyAdministrator()
    {
        var yx = await app.BureauIdAsync("云溪区教育局");
        var admin = await app.LoginAsync("city.admin");
        var (id, password) = await CreateViaPageAsync(admin, "yx.admin2", UserRole.BureauAdmin, yx, "云溪区第二管理员");

        var user = await app.QueryAsync(db => db.Users.SingleAsync(u => u.Id == id));
        Assert.Equal((yx, (Guid?)null), (user.BureauId!.Value, user.SchoolId));
        Assert.Equal(await app.QueryAsync(db => db.Bureaus.Where(b => b.Id == yx).Select(b => b.Path).SingleAsync()), user.ScopePath);
        Assert.Equal(HttpStatusCode.Redirect, (await TryLoginAsync("yx.admin2", password)).StatusCode);
    }

    [Fact]
    public async Task ResetAPasswordSoTheOldOneStopsWorking()
    {
        var school = await app.SchoolIdAsync("青山县第一中学");
        var admin = await app.LoginAsync("qs.admin");
        var (id, first) = await CreateViaPageAsync(admin, "qs1z.reset", UserRole.SchoolStaff, school);
        await using (var db = app.Db())
        {
            var user = await db.Users.SingleAsync(u => u.Id == id);
            user.AccessFailedCount = 3;
            user.LockoutEnd = app.Clock.GetUtcNow().AddMinutes(10);
            await db.SaveChangesAsync();
        }

        var response = await admin.PostFormAsync($"/org/users/{id}", "reset", []);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var second = Html.OneTimePassword(await response.Content.ReadAsStringAsync());
        Assert.NotEqual(first, second);
        var after = await app.QueryAsync(db => db.Users.SingleAsync(u => u.Id == id));
        Assert.True(after.MustChangePassword);
        Assert.Null(after.LockoutEnd);
        Assert.Equal(0, after.AccessFailedCount);

        Assert.NotEqual(HttpStatusCode.Redirect, (await TryLoginAsync("qs1z.reset", first)).StatusCode);
        var client = await app.LoginAsync("qs1z.reset", second);
        Assert.Equal("/account/change-password", Html.RedirectPath(await client.GetAsync("/org/my-school")));
    }

    [Fact]
    public async Task DisableAndEnableAUser()
    {
        var school = await app.SchoolIdAsync("青山县第一中学");
        var admin = await app.LoginAsync("qs.admin");
        var (id, password) = await CreateViaPageAsync(admin, "qs1z.leaver", UserRole.SchoolStaff, school);
        var session = await app.LoginAsync("qs1z.leaver", password);

        var disable = await admin.PostFormAsync($"/org/users/{id}", "status", new() { ["Action"] = "disable" });
        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        Assert.Contains("账户已停用。", await disable.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var disabled = await app.QueryAsync(db => db.Users.SingleAsync(u => u.Id == id));
        Assert.True(disabled.IsDisabled);
        Assert.Equal(DateTimeOffset.MaxValue, disabled.LockoutEnd);

        var login = await TryLoginAsync("qs1z.leaver", password);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("该账户已停用", Forms.ErrorText(await login.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("已停用", await admin.GetStringAsync("/org/users?q=qs1z.leaver"), StringComparison.Ordinal);

        var enable = await admin.PostFormAsync($"/org/users/{id}", "status", new() { ["Action"] = "enable" });
        Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        var enabled = await app.QueryAsync(db => db.Users.SingleAsync(u => u.Id == id));
        Assert.False(enabled.IsDisabled);
        Assert.Null(enabled.LockoutEnd);
        Assert.Equal(HttpStatusCode.Redirect, (await TryLoginAsync("qs1z.leaver", password)).StatusCode);
        _ = session;
    }

    [Fact]
    public async Task RefuseToLetAnAdminDisableThemselves()
    {
        var self = await app.UserIdAsync("qs.admin");
        await using (var scope = await app.ScopeAsAsync("qs.admin"))
        {
            var result = await scope.ServiceProvider.GetRequiredService<UserAdministration>().SetDisabledAsync(self, disabled: true);
            Assert.Equal(Outcome.Invalid, result.Outcome);
            Assert.Contains("不能停用自己的账户。", result.Errors.All);
        }

        Assert.False(await app.QueryAsync(db => db.Users.Where(u => u.Id == self).Select(u => u.IsDisabled).SingleAsync()));
        var admin = await app.LoginAsync("qs.admin");
        var page = await admin.GetStringAsync($"/org/users/{self}");
        Assert.DoesNotContain("停用账户", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListOnlyUsersInScopeWithFilters()
    {
        var admin = await app.LoginAsync("qs.admin");
        var all = await admin.GetStringAsync("/org/users");
        Assert.Contains("qs1z.director", all, StringComparison.Ordinal);
        Assert.DoesNotContain("yx.admin", all, StringComparison.Ordinal);
        Assert.DoesNotContain("city.admin", all, StringComparison.Ordinal);

        var principals = await admin.GetStringAsync("/org/users?role=Principal");
        Assert.Contains("qs1z.principal", principals, StringComparison.Ordinal);
        Assert.Contains("qssx.principal", principals, StringComparison.Ordinal);
        Assert.DoesNotContain("qs1z.director", principals, StringComparison.Ordinal);

        var school = await app.SchoolIdAsync("青山县实验小学");
        var ofSchool = await admin.GetStringAsync($"/org/users?org={school}&role=Principal");
        Assert.Equal(1, Html.RowCount(ofSchool, "users"));
        Assert.Contains("黄秀英", ofSchool, StringComparison.Ordinal);

        var yx = await app.BureauIdAsync("云溪区教育局");
        var foreign = await admin.GetStringAsync($"/org/users?org={yx}");
        Assert.Contains("data-testid=\"no-users\"", foreign, StringComparison.Ordinal);

        var search = await admin.GetStringAsync("/org/users?q=" + Uri.EscapeDataString("孙国华"));
        Assert.Equal(1, Html.RowCount(search, "users"));
    }

    [Fact]
    public async Task TreatAnotherCountysUserAsNotFoundAndNeverWriteIt()
    {
        var id = await app.UserIdAsync("qs1z.teacher");
        var before = await app.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == id));
        var client = await app.LoginAsync("yx.admin");

        var get = await client.GetAsync($"/org/users/{id}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        var page = await get.Content.ReadAsStringAsync();
        Assert.Contains("页面不存在", page, StringComparison.Ordinal);
        Assert.DoesNotContain("周丽", page, StringComparison.Ordinal);

        var reset = await client.PostFormAsync($"/org/users/{id}", "reset", [], getUrl: "/org/users");
        Assert.DoesNotContain("data-testid=\"otp\"", await reset.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"otp\"", await client.AssertSentBackAsync(reset, $"/org/users/{id}", HttpStatusCode.NotFound, "页面不存在"), StringComparison.Ordinal);
        var disable = await client.PostFormAsync($"/org/users/{id}", "status", new() { ["Action"] = "disable" }, getUrl: "/org/users");
        await client.AssertSentBackAsync(disable, $"/org/users/{id}", HttpStatusCode.NotFound, "页面不存在");

        var after = await app.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == id));
        Assert.Equal((before.PasswordHash, before.SecurityStamp, before.IsDisabled, before.MustChangePassword),
            (after.PasswordHash, after.SecurityStamp, after.IsDisabled, after.MustChangePassword));

        await using var scope = await app.ScopeAsAsync("yx.admin");
        var service = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        Assert.Equal(Outcome.NotFound, (await service.ResetPasswordAsync(id)).Outcome);
        Assert.Equal(Outcome.NotFound, (await service.SetDisabledAsync(id, disabled: true)).Outcome);
    }
}
