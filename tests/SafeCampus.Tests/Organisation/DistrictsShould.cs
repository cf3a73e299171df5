using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Tests.Infrastructure;

namespace SafeCampus.Tests.Organisation;

public sealed class DistrictsShould(OrgFixture app) : IClassFixture<OrgFixture>
{
    [Fact]
    public async Task ListTheCountysDistrictsWithLiaisonAndSchoolCount()
    {
        var client = await app.LoginAsync("yx.safety");
        var html = await client.GetStringAsync("/org/districts");
        Assert.Contains("北片区", html, StringComparison.Ordinal);
        Assert.DoesNotContain("城关片区", html, StringComparison.Ordinal);
        Assert.Contains("吴静", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"new-district\"", html, StringComparison.Ordinal);
        var south = await app.DistrictIdAsync("南片区");
        Assert.Contains($"<a href=\"/org/schools?district={south}\">7</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LetACountyAdminCreateADistrictWithACityLiaisonAndRenameIt()
    {
        var citySafety = await app.UserIdAsync("city.safety");
        var client = await app.LoginAsync("qs.admin");

        var response = await client.PostFormAsync("/org/districts/new", "district", new() { ["Input.Name"] = "南山片区", ["Input.LiaisonUserId"] = citySafety });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var district = await app.QueryAsync(db => db.SafetyDistricts.SingleAsync(d => d.Name == "南山片区"));
        Assert.Equal(await app.BureauIdAsync("青山县教育局"), district.BureauId);
        Assert.Equal(citySafety, district.LiaisonUserId);

        var list = await client.GetStringAsync("/org/districts");
        Assert.Contains("李红梅", list, StringComparison.Ordinal);

        var qsAdmin = await app.UserIdAsync("qs.admin");
        var rename = await client.PostFormAsync($"/org/districts/{district.Id}", "district", new() { ["Input.Name"] = "南山新区片区", ["Input.LiaisonUserId"] = qsAdmin });
        Assert.Equal(HttpStatusCode.Redirect, rename.StatusCode);
        var renamed = await app.QueryAsync(db => db.SafetyDistricts.SingleAsync(d => d.Id == district.Id));
        Assert.Equal(("南山新区片区", qsAdmin), (renamed.Name, renamed.LiaisonUserId));
    }

    [Fact]
    public async Task RejectALiaisonFromAnotherCountyOrASchool()
    {
        var client = await app.LoginAsync("qs.admin");
        foreach (var userName in new[] { "yx.safety", "qs1z.director" })
        {
            var id = await app.UserIdAsync(userName);
            var response = await client.PostFormAsync("/org/districts/new", "district", new() { ["Input.Name"] = "非法责任人片区", ["Input.LiaisonUserId"] = id });
            Assert.Contains("请从列表中选择包保责任人。", Forms.ErrorText(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        Assert.False(await app.QueryAsync(db => db.SafetyDistricts.AnyAsync(d => d.Name == "非法责任人片区")));
    }

    [Fact]
    public async Task RejectADuplicateOrEmptyName()
    {
        var client = await app.LoginAsync("qs.admin");
        var duplicate = await client.PostFormAsync("/org/districts/new", "district", new() { ["Input.Name"] = "东湖片区" });
        Assert.Contains("本局已有名为“东湖片区”的安全小区", Forms.ErrorText(await duplicate.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var empty = await client.PostFormAsync("/org/districts/new", "district", new() { ["Input.Name"] = "" });
        Assert.Contains("请填写小区名称。", Forms.ErrorText(await empty.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        Assert.Equal(1, await app.QueryAsync(db => db.SafetyDistricts.CountAsync(d => d.Name == "东湖片区")));
    }

    [Fact]
    public async Task TreatAnotherCountysDistrictAsNotFoundAndNeverWriteIt()
    {
        var id = await app.DistrictIdAsync("西岭片区");
        var before = await app.QueryAsync(db => db.SafetyDistricts.AsNoTracking().SingleAsync(d => d.Id == id));
        var client = await app.LoginAsync("yx.admin");

        var get = await client.GetAsync($"/org/districts/{id}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Contains("页面不存在", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var post = await client.PostFormAsync($"/org/districts/{id}", "district", new() { ["Input.Name"] = "被改名的片区", ["Input.LiaisonUserId"] = await app.UserIdAsync("yx.admin") }, getUrl: "/org/districts");
        var sentBack = await client.AssertSentBackAsync(post, $"/org/districts/{id}", HttpStatusCode.NotFound, "页面不存在");
        Assert.DoesNotContain("西岭片区", sentBack, StringComparison.Ordinal);

        var after = await app.QueryAsync(db => db.SafetyDistricts.AsNoTracking().SingleAsync(d => d.Id == id));
        Assert.Equal((before.Name, before.LiaisonUserId), (after.Name, after.LiaisonUserId));
    }

    [Fact]
    public async Task LeaveDistrictEditingToTheCounty()
    {
        var client = await app.LoginAsync("city.admin");
        var list = await client.GetStringAsync("/org/districts");
        Assert.Contains("城关片区", list, StringComparison.Ordinal);
        Assert.Contains("北片区", list, StringComparison.Ordinal);

        var get = await client.GetAsync("/org/districts/new");
        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Contains("您无权进行此操作", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var response = await client.PostFormAsync("/org/districts/new", "district", new() { ["Input.Name"] = "市级片区" }, getUrl: "/org/districts");
        await client.AssertSentBackAsync(response, "/org/districts/new", HttpStatusCode.Forbidden, "您无权进行此操作");
        Assert.False(await app.QueryAsync(db => db.SafetyDistricts.AnyAsync(d => d.Name == "市级片区")));
    }
}
