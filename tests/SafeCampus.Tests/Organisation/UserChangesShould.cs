using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Organisation;
using SafeCampus.Web.Features.Organisation.Users;

namespace SafeCampus.Tests.Organisation;

/// <summary>Rename, change of role and change of unit. Each test changes accounts it created itself.</summary>
public sealed class UserChangesShould(OrgFixture app) : IClassFixture<OrgFixture>
{
    private async Task<string> CreateAsync(string userName, UserRole role, Guid org, string fullName = "待调整")
    {
        await using var scope = await app.ScopeAsAsync("city.admin");
        var issued = await scope.ServiceProvider.GetRequiredService<UserAdministration>().CreateAsync(new UserInput
        {
            FullName = fullName, UserName = userName, Role = role.ToString(), OrgId = org.ToString(),
        });
        Assert.True(issued.Succeeded, string.Join(" ", issued.Errors.All));

        // Sign-in needs a password of the user's own: set one as the change-password page would.
        await using var system = app.Services.CreateAsyncScope();
        using var _ = system.ServiceProvider.GetRequiredService<SafeCampus.Web.Tenancy.TenantScope>().EnterSystem("test");
        var users = system.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        var user = (await users.FindByIdAsync(issued.UserId!))!;
        Assert.True((await users.ChangePasswordAsync(user, issued.Password!, TestUsers.Password)).Succeeded);
        user.MustChangePassword = false;
        user.OneTimePasswordExpiresAt = null;
        Assert.True((await users.UpdateAsync(user)).Succeeded);
        return issued.UserId!;
    }

    private static Dictionary<string, string> Change(string fullName, string userName, UserRole role, Guid org) => new()
    {
        ["Input.FullName"] = fullName, ["Input.UserName"] = userName, ["Input.Role"] = role.ToString(), ["Input.OrgId"] = org.ToString(),
    };

    private Task<AppUser> LoadAsync(string id) => app.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == id));

    [Fact]
    public async Task RenameAndMoveAUserToAnotherSchoolAuditedEndingTheirSessions()
    {
        var first = await app.SchoolIdAsync("青山县第一中学");
        var primary = await app.SchoolIdAsync("青山县实验小学");
        var id = await CreateAsync("qs1z.mover", UserRole.SchoolStaff, first);
        var before = await LoadAsync(id);
        var session = await app.LoginAsync("qs1z.mover", TestUsers.Password);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/")).StatusCode);

        var admin = await app.LoginAsync("qs.admin");
        var response = await admin.PostFormAsync($"/org/users/{id}", "change", Change("陈调岗", "qssx.mover", UserRole.SafetyDirector, primary));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("账户已修改。该用户须用新的信息重新登录", html, StringComparison.Ordinal);
        Assert.Contains("青山县实验小学", Html.Text(html), StringComparison.Ordinal);

        var after = await LoadAsync(id);
        var school = await app.QueryAsync(db => db.Schools.AsNoTracking().SingleAsync(s => s.Id == primary));
        Assert.Equal(("陈调岗", "qssx.mover", "QSSX.MOVER", UserRole.SafetyDirector, (Guid?)primary, (Guid?)school.BureauId, school.ScopePath),
            (after.FullName, after.UserName, after.NormalizedUserName, after.Role, after.SchoolId, after.BureauId, after.ScopePath));
        Assert.NotEqual(before.SecurityStamp, after.SecurityStamp);
        Assert.Equal(before.PasswordHash, after.PasswordHash);

        // The audit trail says who changed what, with the old and the new values, and no secrets.
        var audit = await app.QueryAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == nameof(AppUser) && a.EntityKey == id && a.Action == "update").OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal("qs.admin", audit.UserName);
        Assert.Equal(await app.UserIdAsync("qs.admin"), audit.UserId);
        Assert.Contains("qs1z.mover", audit.Before, StringComparison.Ordinal);
        Assert.Contains(before.ScopePath, audit.Before, StringComparison.Ordinal);
        Assert.Contains("qssx.mover", audit.After, StringComparison.Ordinal);
        Assert.Contains(school.ScopePath, audit.After, StringComparison.Ordinal);
        Assert.Contains("\"Role\": 4", audit.After, StringComparison.Ordinal);
        Assert.DoesNotContain(after.SecurityStamp!, audit.After, StringComparison.Ordinal);

        // The open session ends at its next stamp check; the new name signs in with the new school in its cookie.
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        var ended = await session.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.StartsWith("/account/login", Html.RedirectPath(ended), StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.LoginAsync("qs1z.mover", TestUsers.Password));
        var renamed = await app.LoginAsync("qssx.mover", TestUsers.Password);
        var mine = await renamed.GetStringAsync("/org/my-school");
        Assert.Contains("青山县实验小学", mine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeOnlyTheDisplayNameWithoutEndingSessions()
    {
        var first = await app.SchoolIdAsync("青山县第一中学");
        var id = await CreateAsync("qs1z.typo", UserRole.SchoolStaff, first, "王晓名");
        var before = await LoadAsync(id);
        var admin = await app.LoginAsync("qs.admin");

        var response = await admin.PostFormAsync($"/org/users/{id}", "change", Change("王晓明", "qs1z.typo", UserRole.SchoolStaff, first));
        Assert.Contains("账户已修改。", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var after = await LoadAsync(id);
        Assert.Equal("王晓明", after.FullName);
        Assert.Equal(before.SecurityStamp, after.SecurityStamp);
        var audit = await app.QueryAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == nameof(AppUser) && a.EntityKey == id && a.Action == "update").OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal("{\"FullName\": \"王晓名\"}", audit.Before);
    }

    [Fact]
    public async Task LetTheCityMoveACountyOfficerToAnotherCountyButNotACounty()
    {
        var qs = await app.BureauIdAsync("青山县教育局");
        var yx = await app.BureauIdAsync("云溪区教育局");
        var id = await CreateAsync("qs.transfer", UserRole.BureauSafetyOfficer, qs);
        var before = await LoadAsync(id);

        // The county's administrator does not hold the other county: the unit is refused and nothing changes.
        var county = await app.LoginAsync("qs.admin");
        var refused = await county.PostFormAsync($"/org/users/{id}", "change", Change("调任者", "qs.transfer", UserRole.BureauSafetyOfficer, yx));
        Assert.Contains("教育局角色的用户须选择一个教育局作为所属单位。", Forms.ErrorText(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var unchanged = await LoadAsync(id);
        Assert.Equal((before.BureauId, before.ScopePath, before.SecurityStamp, before.FullName), (unchanged.BureauId, unchanged.ScopePath, unchanged.SecurityStamp, unchanged.FullName));

        // The other county's administrator does not see the account at all.
        var other = await app.LoginAsync("yx.admin");
        var foreign = await other.PostFormAsync($"/org/users/{id}", "change", Change("调任者", "qs.transfer", UserRole.BureauSafetyOfficer, yx), getUrl: "/org/users");
        await other.AssertSentBackAsync(foreign, $"/org/users/{id}", HttpStatusCode.NotFound, "页面不存在");
        await using (var scope = await app.ScopeAsAsync("yx.admin"))
        {
            var result = await scope.ServiceProvider.GetRequiredService<UserAdministration>()
                .ChangeAsync(id, new UserInput { FullName = "调任者", UserName = "qs.transfer", Role = "BureauSafetyOfficer", OrgId = yx.ToString() });
            Assert.Equal(Outcome.NotFound, result.Outcome);
        }

        Assert.Equal(before.ScopePath, (await LoadAsync(id)).ScopePath);

        // The city holds both counties.
        var city = await app.LoginAsync("city.admin");
        var moved = await city.PostFormAsync($"/org/users/{id}", "change", Change("调任者", "yx.transfer", UserRole.BureauAdmin, yx));
        Assert.Contains("账户已修改。", await moved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var after = await LoadAsync(id);
        var yxPath = await app.QueryAsync(db => db.Bureaus.Where(b => b.Id == yx).Select(b => b.Path).SingleAsync());
        Assert.Equal(((Guid?)yx, (Guid?)null, yxPath, UserRole.BureauAdmin), (after.BureauId, after.SchoolId, after.ScopePath, after.Role));
        Assert.Contains("yx.transfer", await other.GetStringAsync("/org/users?q=transfer"), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"no-users\"", await county.GetStringAsync("/org/users?q=transfer"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefuseASecondPrincipalAWrongUnitAndATakenName()
    {
        var primary = await app.SchoolIdAsync("青山县实验小学");
        var qs = await app.BureauIdAsync("青山县教育局");
        var id = await CreateAsync("qssx.deputy", UserRole.SchoolStaff, primary);
        var before = await LoadAsync(id);
        var admin = await app.LoginAsync("qs.admin");

        var principal = await admin.PostFormAsync($"/org/users/{id}", "change", Change("副职", "qssx.deputy", UserRole.Principal, primary));
        Assert.Contains("青山县实验小学已有校长黄秀英（qssx.principal）。一所学校只设一名校长", Forms.ErrorText(await principal.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var wrongUnit = await admin.PostFormAsync($"/org/users/{id}", "change", Change("副职", "qssx.deputy", UserRole.SafetyDirector, qs));
        Assert.Contains("学校角色的用户须选择一所学校作为所属单位。", Forms.ErrorText(await wrongUnit.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var taken = await admin.PostFormAsync($"/org/users/{id}", "change", Change("副职", "yx.safety", UserRole.SchoolStaff, primary));
        Assert.Contains("用户名“yx.safety”已被使用。", Forms.ErrorText(await taken.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var empty = await admin.PostFormAsync($"/org/users/{id}", "change", Change("", "", UserRole.SchoolStaff, primary));
        var emptyErrors = Forms.ErrorText(await empty.Content.ReadAsStringAsync());
        Assert.Contains("请填写姓名。", emptyErrors, StringComparison.Ordinal);
        Assert.Contains("请填写用户名。", emptyErrors, StringComparison.Ordinal);

        var after = await LoadAsync(id);
        Assert.Equal((before.FullName, before.UserName, before.Role, before.SecurityStamp), (after.FullName, after.UserName, after.Role, after.SecurityStamp));

        // Creating a second principal is refused the same way.
        await using var scope = await app.ScopeAsAsync("qs.admin");
        var created = await scope.ServiceProvider.GetRequiredService<UserAdministration>().CreateAsync(new UserInput
        {
            FullName = "第二校长", UserName = "qssx.second", Role = "Principal", OrgId = primary.ToString(),
        });
        Assert.Contains(created.Errors.All, e => e.Contains("已有校长黄秀英", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RefuseToChangeTheirOwnRoleOrALiaisonOfficersPlace()
    {
        var self = await app.UserIdAsync("qs.admin");
        var qs = await app.BureauIdAsync("青山县教育局");
        var yx = await app.BureauIdAsync("云溪区教育局");
        var first = await app.SchoolIdAsync("青山县第一中学");
        await using (var scope = await app.ScopeAsAsync("qs.admin"))
        {
            var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            var own = await admin.ChangeAsync(self, new UserInput { FullName = "管理员", UserName = "qs.admin", Role = "BureauSafetyOfficer", OrgId = qs.ToString() });
            Assert.Contains("不能修改自己的角色或所属单位，请由其他管理员操作。", own.Errors.All);

            // qs.safety is the liaison officer of Qingshan's districts (seeded).
            var liaison = await app.UserIdAsync("qs.safety");
            var toSchool = await admin.ChangeAsync(liaison, new UserInput { FullName = "钱安全", UserName = "qs.safety", Role = "SafetyDirector", OrgId = first.ToString() });
            Assert.Contains(toSchool.Errors.All, e => e.StartsWith("该用户是安全小区“", StringComparison.Ordinal) && e.Contains("包保责任人", StringComparison.Ordinal));
        }

        await using (var scope = await app.ScopeAsAsync("city.admin"))
        {
            var liaison = await app.UserIdAsync("qs.safety");
            var name = await app.QueryAsync(db => db.Users.Where(u => u.Id == liaison).Select(u => u.FullName).SingleAsync());
            var toOther = await scope.ServiceProvider.GetRequiredService<UserAdministration>()
                .ChangeAsync(liaison, new UserInput { FullName = name, UserName = "qs.safety", Role = "BureauSafetyOfficer", OrgId = yx.ToString() });
            Assert.Contains(toOther.Errors.All, e => e.Contains("包保责任人", StringComparison.Ordinal));
        }

        Assert.Equal(UserRole.BureauAdmin, (await LoadAsync(self)).Role);
        Assert.Equal(qs, (await LoadAsync(await app.UserIdAsync("qs.safety"))).BureauId);
        var page = await (await app.LoginAsync("qs.admin")).GetStringAsync($"/org/users/{self}");
        Assert.DoesNotContain("data-testid=\"change\"", page, StringComparison.Ordinal);
    }
}
