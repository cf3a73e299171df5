using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Tests.Infrastructure;

namespace SafeCampus.Tests.Organisation;

public sealed class MySchoolShould(OrgFixture app) : IClassFixture<OrgFixture>
{
    [Fact]
    public async Task ShowTheSchoolsFactsIncludingItsCountyAndDistrict()
    {
        var client = await app.LoginAsync("qssx.director");
        var html = await client.GetStringAsync("/org/my-school");
        var text = Html.Text(html);
        Assert.Contains("青山县实验小学", text, StringComparison.Ordinal);
        Assert.Contains("青山县教育局", text, StringComparison.Ordinal);
        Assert.Contains("城关片区", text, StringComparison.Ordinal);
        Assert.Contains("陈晓燕", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LetTheSafetyDirectorUpdateTheCountsOnly()
    {
        var id = await app.SchoolIdAsync("青山县第一中学");
        var before = await app.QueryAsync(db => db.Schools.AsNoTracking().SingleAsync(s => s.Id == id));
        var client = await app.LoginAsync("qs1z.director");

        var response = await client.PostFormAsync("/org/my-school", "counts", new()
        {
            ["Input.Students"] = "2900", ["Input.Staff"] = "240", ["Input.Classes"] = "50",
            // Fields the school may not change are ignored even when posted.
            ["Input.Name"] = "改名中学", ["Input.IsBoarding"] = "false",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await app.QueryAsync(db => db.Schools.AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.Equal((2900, 240, 50), (after.Students, after.Staff, after.Classes));
        Assert.Equal(before.Name, after.Name);
        Assert.Equal(before.IsBoarding, after.IsBoarding);
        Assert.Equal(before.DistrictId, after.DistrictId);
    }

    [Fact]
    public async Task RejectCountsOutOfRange()
    {
        var id = await app.SchoolIdAsync("青山县实验小学");
        var before = await app.QueryAsync(db => db.Schools.AsNoTracking().SingleAsync(s => s.Id == id));
        var client = await app.LoginAsync("qssx.principal");

        var response = await client.PostFormAsync("/org/my-school", "counts", new()
        {
            ["Input.Students"] = "2500", ["Input.Staff"] = "5000", ["Input.Classes"] = "x",
        });

        var errors = Forms.ErrorText(await response.Content.ReadAsStringAsync());
        Assert.Contains("教职工数须为 0 到 3,000 之间的整数。", errors, StringComparison.Ordinal);
        Assert.Contains("班级数须为 0 到 400 之间的整数。", errors, StringComparison.Ordinal);
        var after = await app.QueryAsync(db => db.Schools.AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.Equal((before.Students, before.Staff, before.Classes), (after.Students, after.Staff, after.Classes));
    }

    [Fact]
    public async Task ShowStaffTheFactsWithoutAForm()
    {
        var client = await app.LoginAsync("qs1z.teacher");
        var html = await client.GetStringAsync("/org/my-school");
        Assert.Contains("data-testid=\"facts\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Input.Students\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeepBureauUsersOut()
    {
        var client = await app.LoginAsync("qs.admin");
        var response = await client.GetAsync("/org/my-school");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("data-testid=\"not-allowed\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
