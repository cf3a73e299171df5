using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Data;
using SafeCampus.Web.Data.Seeding;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Drills.Bureau;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Drills.BureauSide;

/// <summary>
/// Drill settings: the demo city (临江市教育局) owns the default kinds and requirements; its counties inherit them until
/// one creates its own. Only an administrator of the owning bureau edits.
/// </summary>
public sealed class DrillSettingsShould(DemoDrillsFixture app) : IClassFixture<DemoDrillsFixture>
{
    [Fact]
    public async Task ShowACountyTheInheritedSettingsAndWhoSetThem()
    {
        var officer = await (await app.LoginAsync("qs.safety")).GetStringAsync("/drills/settings");
        Assert.Contains("当前执行上级 临江市教育局 的设置。", officer, StringComparison.Ordinal);
        Assert.Contains("每学期至少 1 次消防疏散演练", officer, StringComparison.Ordinal);
        Assert.Contains("3月、4月、5月、6月、9月、10月、11月、12月", officer, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"create-own\"", officer, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"rules\"", officer, StringComparison.Ordinal);

        var admin = await (await app.LoginAsync("qs.admin")).GetStringAsync("/drills/settings");
        Assert.Contains("value=\"create-own\"", admin, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"rules\"", admin, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LetTheOwningAdminAddAKindButNotTwiceWithOneName()
    {
        var client = await app.LoginAsync("city.admin");

        var added = await client.PostFormAsync("/drills/settings", "add-kind", new() { ["NewKind.Name"] = "地质灾害避险" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var duplicate = await client.PostFormAsync("/drills/settings", "add-kind", new() { ["NewKind.Name"] = "消防疏散" });
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Contains("已有同名的演练类型。", Forms.ErrorText(await duplicate.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        await using var db = app.SystemDb();
        var city = await db.Bureaus.SingleAsync(b => b.Level == BureauLevel.City && b.Name == "临江市教育局");
        var names = await db.DrillKinds.Where(k => k.BureauId == city.Id).Select(k => k.Name).ToListAsync();
        Assert.Contains("地质灾害避险", names);
        Assert.Single(names, n => n == "消防疏散");
    }

    [Fact]
    public async Task LetTheOwningAdminChangeARequirementAndRefuseACountOfZero()
    {
        var client = await app.LoginAsync("city.admin");
        await using var db = app.SystemDb();
        var city = await db.Bureaus.SingleAsync(b => b.Level == BureauLevel.City && b.Name == "临江市教育局");
        var rules = await db.DrillRules.AsNoTracking().Where(r => r.BureauId == city.Id).OrderBy(r => r.Period).ThenBy(r => r.Audience).ToListAsync();
        var year = rules.Single(r => r.Period == DrillPeriod.Year);
        Dictionary<string, string> Form(string yearCount)
        {
            var form = new Dictionary<string, string>();
            for (var i = 0; i < rules.Count; i++)
            {
                form[$"RulesForm.Rows[{i}].Id"] = rules[i].Id.ToString();
                form[$"RulesForm.Rows[{i}].MinCount"] = rules[i].Id == year.Id ? yearCount : rules[i].MinCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
                form[$"RulesForm.Rows[{i}].ReminderDays"] = rules[i].Id == year.Id ? "20" : rules[i].ReminderDaysBefore.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (rules[i].IsActive)
                {
                    form[$"RulesForm.Rows[{i}].Active"] = "true";
                }
            }

            return form;
        }

        var refused = await client.PostFormAsync("/drills/settings", "rules", Form("0"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("要求次数须为 1 到 24 之间的整数。", Forms.ErrorText(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal((4, 30), await YearRuleAsync(year.Id));

        var saved = await client.PostFormAsync("/drills/settings", "rules", Form("5"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal((5, 20), await YearRuleAsync(year.Id));
        Assert.All(await db.DrillRules.Where(r => r.BureauId == city.Id).ToListAsync(), r => Assert.True(r.IsActive));
    }

    [Fact]
    public async Task RefuseEditsFromABureauThatDoesNotOwnTheSettings()
    {
        await using var scope = await app.ScopeAsAsync("qs.admin");
        var admin = scope.ServiceProvider.GetRequiredService<DrillSettingsAdmin>();
        var ex = await Assert.ThrowsAsync<DrillSettingsException>(() => admin.AddKindAsync("县里的类型", false));
        Assert.Equal("只有设置所属教育局的管理员可以修改。", ex.Message);

        var officer = await app.LoginAsync("qs.safety");
        var post = await officer.PostFormAsync("/drills/settings", "add-kind", new() { ["NewKind.Name"] = "县里的类型" });
        Assert.NotEqual(HttpStatusCode.Redirect, post.StatusCode);
        await using var db = app.SystemDb();
        Assert.False(await db.DrillKinds.AnyAsync(k => k.Name == "县里的类型"));
    }

    [Fact]
    public async Task CopyTheCitysSettingsIntoACountyWithoutChangingItsCompliance()
    {
        var before = await MatrixAsync("yx.safety");
        var client = await app.LoginAsync("yx.admin");

        var response = await client.PostFormAsync("/drills/settings", "create-own", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.SystemDb();
        var city = await db.Bureaus.SingleAsync(b => b.Name == "临江市教育局");
        var county = await db.Bureaus.SingleAsync(b => b.Name == "云溪区教育局");
        var cityKinds = await db.DrillKinds.Where(k => k.BureauId == city.Id).OrderBy(k => k.SortOrder).Select(k => k.Name).ToListAsync();
        var countyKinds = await db.DrillKinds.Where(k => k.BureauId == county.Id).ToListAsync();
        Assert.Equal(cityKinds, countyKinds.OrderBy(k => k.SortOrder).Select(k => k.Name));
        Assert.Equal(await db.DrillRules.CountAsync(r => r.BureauId == city.Id), await db.DrillRules.CountAsync(r => r.BureauId == county.Id));
        var countyKindIds = countyKinds.Select(k => k.Id).ToList();
        Assert.All(await db.Drills.Where(d => d.ScopePath.StartsWith(county.Path)).ToListAsync(), d => Assert.Contains(d.KindId, countyKindIds));

        var after = await MatrixAsync("yx.safety");
        Assert.Equal(States(before), States(after));
        Assert.Contains("当前执行本局（云溪区教育局）的设置。", await client.GetStringAsync("/drills/settings"), StringComparison.Ordinal);
        var cityPage = await (await app.LoginAsync("city.safety")).GetStringAsync("/drills/settings");
        Assert.Contains("以下县（区）使用自己的设置：云溪区教育局", cityPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfferTheDefaultsWhereNoBureauHasSettings()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            using var _ = scope.ServiceProvider.GetRequiredService<TenantScope>().EnterSystem("test");
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var city = Bureau.CreateCity("新建市教育局", "新建市", app.Clock.GetUtcNow());
            db.Bureaus.Add(city);
            await db.SaveChangesAsync();
            var user = AppUser.ForBureau(city, "xj.admin", "新建管理员", UserRole.BureauAdmin, app.Clock.GetUtcNow());
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(user, DemoSeeder.Password)).Succeeded);
        }

        var client = await app.LoginAsync("xj.admin");
        var page = await client.GetStringAsync("/drills/settings");
        Assert.Contains("本局和上级教育局都还没有演练设置", page, StringComparison.Ordinal);
        Assert.Contains("使用默认设置", page, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/drills/settings", "use-defaults", [])).StatusCode);

        await using var check = app.SystemDb();
        var id = await check.Bureaus.Where(b => b.Name == "新建市教育局").Select(b => b.Id).SingleAsync();
        Assert.Equal((8, 6), (await check.DrillKinds.CountAsync(k => k.BureauId == id), await check.DrillRules.CountAsync(r => r.BureauId == id)));
        Assert.Contains("当前执行本局（新建市教育局）的设置。", await client.GetStringAsync("/drills/settings"), StringComparison.Ordinal);
    }

    private async Task<(int, int)> YearRuleAsync(Guid id)
    {
        await using var db = app.SystemDb();
        var rule = await db.DrillRules.AsNoTracking().SingleAsync(r => r.Id == id);
        return (rule.MinCount, rule.ReminderDaysBefore);
    }

    private async Task<ComplianceMatrix> MatrixAsync(string user)
    {
        await using var scope = await app.ScopeAsAsync(user);
        return await scope.ServiceProvider.GetRequiredService<DrillComplianceReport>().BuildAsync(new MatrixQuery(2026));
    }

    private static List<string> States(ComplianceMatrix m) =>
        m.Rows.Select(r => r.Name + ":" + string.Join(",", r.Months.Concat(r.Extras).Select(c => c.State?.ToString() ?? "-"))).ToList();
}
