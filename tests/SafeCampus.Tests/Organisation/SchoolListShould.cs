using System.Net;
using SafeCampus.Web.Domain;

namespace SafeCampus.Tests.Organisation;

/// <summary>The school list (read-only tests; the paging test works in a county of its own).</summary>
public sealed class SchoolListShould(OrgFixture app) : IClassFixture<OrgFixture>
{
    [Fact]
    public async Task ShowOnlyTheSchoolsOfTheUsersCounty()
    {
        var client = await app.LoginAsync("qs.safety");
        var html = await client.GetStringAsync("/org/schools");
        Assert.Contains("青山县第一中学", html, StringComparison.Ordinal);
        Assert.DoesNotContain("云溪区第一高级中学", html, StringComparison.Ordinal);
        Assert.Equal(16, Html.RowCount(html, "schools"));
        Assert.DoesNotContain("所属教育局</th>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("新增学校", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FilterByCountyForCityUsersAndShowTheBureauColumn()
    {
        var yx = await app.BureauIdAsync("云溪区教育局");
        var client = await app.LoginAsync("city.safety");
        var html = await client.GetStringAsync($"/org/schools?bureau={yx}");
        Assert.Contains("所属教育局</th>", html, StringComparison.Ordinal);
        Assert.Equal(15, Html.RowCount(html, "schools"));
        Assert.DoesNotContain("青山县第一中学", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FollowTheHomePageLinks()
    {
        var client = await app.LoginAsync("qs.safety");
        var donghu = await app.DistrictIdAsync("东湖片区");

        var boarding = await client.GetStringAsync("/org/schools?boarding=true");
        Assert.Equal(6, Html.RowCount(boarding, "schools"));
        Assert.DoesNotContain("青山县实验小学", boarding, StringComparison.Ordinal);

        var district = await client.GetStringAsync($"/org/schools?district={donghu}");
        Assert.Equal(3, Html.RowCount(district, "schools"));
        Assert.Contains("青山县东湖镇中心小学", district, StringComparison.Ordinal);

        var none = await client.GetStringAsync("/org/schools?district=none");
        Assert.Contains("data-testid=\"no-schools\"", none, StringComparison.Ordinal);

        var byStudents = Html.Text(await client.GetStringAsync("/org/schools?sort=students"));
        Assert.True(byStudents.IndexOf("青山县第一中学", StringComparison.Ordinal) < byStudents.IndexOf("青山县实验小学", StringComparison.Ordinal));
        Assert.True(byStudents.IndexOf("青山县实验小学", StringComparison.Ordinal) < byStudents.IndexOf("青山县西岭乡中心幼儿园", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FilterByKindPrivateAndName()
    {
        var client = await app.LoginAsync("qs.admin");
        var privateKindergartens = await client.GetStringAsync("/org/schools?kind=Kindergarten&private=true");
        Assert.Equal(2, Html.RowCount(privateKindergartens, "schools"));
        Assert.Contains("青山县小太阳幼儿园", privateKindergartens, StringComparison.Ordinal);

        var search = await client.GetStringAsync("/org/schools?q=" + Uri.EscapeDataString("东湖"));
        Assert.Equal(3, Html.RowCount(search, "schools"));
    }

    [Fact]
    public async Task IgnoreMalformedFilterValues()
    {
        var client = await app.LoginAsync("qs.admin");
        var response = await client.GetAsync("/org/schools?boarding=maybe&kind=castle&district=xyz&sort=size&page=-3&bureau=1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(16, Html.RowCount(await response.Content.ReadAsStringAsync(), "schools"));
    }

    [Fact]
    public async Task PageFiftyRowsAtATimeKeepingTheFilter()
    {
        Guid countyId;
        await using (var db = app.Db())
        {
            var city = db.Bureaus.Single(b => b.Name == "临江市教育局");
            var county = city.CreateChild("分页测试县教育局", "分页县", app.Clock.GetUtcNow());
            db.Bureaus.Add(county);
            for (var i = 1; i <= 60; i++)
            {
                db.Schools.Add(School.Create(county, new SchoolDetails($"分页测试学校{i:D3}", SchoolKind.Primary, false, false, i, 10, 6, null), app.Clock.GetUtcNow()));
            }

            await db.SaveChangesAsync();
            countyId = county.Id;
        }

        var client = await app.LoginAsync("city.admin");
        var first = await client.GetStringAsync($"/org/schools?bureau={countyId}");
        Assert.Equal(50, Html.RowCount(first, "schools"));
        Assert.Contains("第 1 / 2 页，共 60 条", first, StringComparison.Ordinal);
        Assert.Contains($"/org/schools?bureau={countyId}&amp;page=2", first, StringComparison.Ordinal);

        var second = await client.GetStringAsync($"/org/schools?bureau={countyId}&page=2");
        Assert.Equal(10, Html.RowCount(second, "schools"));
        Assert.Contains("分页测试学校060", second, StringComparison.Ordinal);

        var beyond = await client.GetStringAsync($"/org/schools?bureau={countyId}&page=99");
        Assert.Contains("第 2 / 2 页", beyond, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfferCreateAndImportToBureauAdmins()
    {
        var client = await app.LoginAsync("qs.admin");
        var html = await client.GetStringAsync("/org/schools");
        Assert.Contains("href=\"/org/schools/new\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/org/schools/import\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/org/schools")]
    [InlineData("/org/users")]
    [InlineData("/org/districts")]
    [InlineData("/org/bureaus")]
    public async Task KeepSchoolUsersOut(string url)
    {
        var client = await app.LoginAsync("qs1z.director");
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("data-testid=\"not-allowed\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/org/users")]
    [InlineData("/org/bureaus")]
    [InlineData("/org/schools/new")]
    public async Task KeepSafetyOfficersOutOfAdministration(string url)
    {
        var client = await app.LoginAsync("qs.safety");
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("data-testid=\"not-allowed\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
