using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;

namespace SafeCampus.Tests.Organisation;

public sealed class BureausShould(OrgFixture app) : IClassFixture<OrgFixture>
{
    [Fact]
    public async Task ListTheCitysCountiesWithSchoolAndUserCounts()
    {
        var qs = await app.BureauIdAsync("青山县教育局");
        var client = await app.LoginAsync("city.admin");
        var html = await client.GetStringAsync("/org/bureaus");
        Assert.Contains("青山县教育局", html, StringComparison.Ordinal);
        Assert.Contains("云溪区教育局", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/org/schools?bureau={qs}\">16</a>", html, StringComparison.Ordinal);
        // 青山县: two bureau staff, five named school users and the principals of its other 14 schools in the demo.
        Assert.Contains($"<a href=\"/org/users?org={qs}\">21</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LetTheCityAdminCreateAndRenameACounty()
    {
        var client = await app.LoginAsync("city.admin");
        var response = await client.PostFormAsync("/org/bureaus/new", "bureau", new() { ["Input.Name"] = "临江市高新区教育局", ["Input.ShortName"] = "高新区" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var city = await app.QueryAsync(db => db.Bureaus.SingleAsync(b => b.Name == "临江市教育局"));
        var created = await app.QueryAsync(db => db.Bureaus.SingleAsync(b => b.Name == "临江市高新区教育局"));
        Assert.Equal((city.Id, BureauLevel.County, "高新区"), (created.ParentId!.Value, created.Level, created.ShortName));
        Assert.Equal($"{city.Path}{created.Id:N}/", created.Path);

        var rename = await client.PostFormAsync($"/org/bureaus/{created.Id}", "bureau", new() { ["Input.Name"] = "临江市高新技术开发区教育局", ["Input.ShortName"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, rename.StatusCode);
        var renamed = await app.QueryAsync(db => db.Bureaus.SingleAsync(b => b.Id == created.Id));
        Assert.Equal("临江市高新技术开发区教育局", renamed.Name);
        Assert.Null(renamed.ShortName);

        // The new county can be given an administrator straight away.
        var units = await client.GetStringAsync("/org/users/new");
        Assert.Contains("临江市高新技术开发区教育局", units, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAnUnknownOrOwnBureauWithTheChineseNotFoundPage()
    {
        var client = await app.LoginAsync("city.admin");
        var city = await app.BureauIdAsync("临江市教育局");
        foreach (var id in new[] { Guid.NewGuid(), city })
        {
            var get = await client.GetAsync($"/org/bureaus/{id}");
            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
            var page = await get.Content.ReadAsStringAsync();
            Assert.Contains("<h1>页面不存在</h1>", page, StringComparison.Ordinal);
            Assert.DoesNotContain("name=\"Input.Name\"", page, StringComparison.Ordinal);

            var post = await client.PostFormAsync($"/org/bureaus/{id}", "bureau", new() { ["Input.Name"] = "改名的教育局" }, getUrl: "/org/bureaus");
            await client.AssertSentBackAsync(post, $"/org/bureaus/{id}", HttpStatusCode.NotFound, "页面不存在");
        }

        Assert.False(await app.QueryAsync(db => db.Bureaus.AnyAsync(b => b.Name == "改名的教育局")));
        Assert.Equal("临江市教育局", await app.QueryAsync(db => db.Bureaus.Where(b => b.Id == city).Select(b => b.Name).SingleAsync()));
    }

    [Fact]
    public async Task RejectADuplicateOrMissingName()
    {
        var client = await app.LoginAsync("city.admin");
        var duplicate = await client.PostFormAsync("/org/bureaus/new", "bureau", new() { ["Input.Name"] = "云溪区教育局" });
        Assert.Contains("已有名为“云溪区教育局”的下级教育局", Forms.ErrorText(await duplicate.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var missing = await client.PostFormAsync("/org/bureaus/new", "bureau", new() { ["Input.Name"] = "  " });
        Assert.Contains("请填写教育局名称。", Forms.ErrorText(await missing.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(1, await app.QueryAsync(db => db.Bureaus.CountAsync(b => b.Name == "云溪区教育局")));
    }

    [Fact]
    public async Task RefuseCountyAdminsAndShowThemTheirOwnBureau()
    {
        var client = await app.LoginAsync("qs.admin");
        var count = await app.QueryAsync(db => db.Bureaus.CountAsync());

        var list = await client.GetStringAsync("/org/bureaus");
        Assert.Contains("data-testid=\"own-bureau\"", list, StringComparison.Ordinal);
        Assert.Contains("青山县教育局", list, StringComparison.Ordinal);
        Assert.DoesNotContain("云溪区教育局", list, StringComparison.Ordinal);

        var get = await client.GetAsync("/org/bureaus/new");
        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Contains("您无权进行此操作", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var post = await client.PostFormAsync("/org/bureaus/new", "bureau", new() { ["Input.Name"] = "青山县下属教育局" }, getUrl: "/org/bureaus");
        await client.AssertSentBackAsync(post, "/org/bureaus/new", HttpStatusCode.Forbidden, "您无权进行此操作");

        var own = await app.BureauIdAsync("青山县教育局");
        var rename = await client.PostFormAsync($"/org/bureaus/{own}", "bureau", new() { ["Input.Name"] = "青山县教育和体育局" }, getUrl: "/org/bureaus");
        await client.AssertSentBackAsync(rename, $"/org/bureaus/{own}", HttpStatusCode.Forbidden, "您无权进行此操作");

        Assert.Equal(count, await app.QueryAsync(db => db.Bureaus.CountAsync()));
        Assert.Equal("青山县教育局", await app.QueryAsync(db => db.Bureaus.Where(b => b.Id == own).Select(b => b.Name).SingleAsync()));
    }
}
