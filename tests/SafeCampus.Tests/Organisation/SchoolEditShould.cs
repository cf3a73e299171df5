using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;

namespace SafeCampus.Tests.Organisation;

/// <summary>Creating and editing schools through the pages. Each test works on schools of its own.</summary>
public sealed class SchoolEditShould(OrgFixture app) : IClassFixture<OrgFixture>
{
    private static Dictionary<string, string> Form(string name, string students = "500", string staff = "40", string classes = "12",
        string kind = "Primary", string? district = null, string? bureau = null, bool boarding = false, bool isPrivate = false)
    {
        var form = new Dictionary<string, string>
        {
            ["Input.Name"] = name, ["Input.Kind"] = kind, ["Input.IsPrivate"] = isPrivate ? "true" : "false",
            ["Input.Students"] = students, ["Input.Staff"] = staff, ["Input.Classes"] = classes, ["Input.Address"] = "测试路 1 号",
            ["Input.DistrictId"] = district ?? "",
        };
        if (boarding)
        {
            form["Input.IsBoarding"] = "true";
        }

        if (bureau is not null)
        {
            form["Input.BureauId"] = bureau;
        }

        return form;
    }

    [Fact]
    public async Task CreateASchoolInTheAdminsCountyWithItsDistrict()
    {
        var xiling = await app.DistrictIdAsync("西岭片区");
        var client = await app.LoginAsync("qs.admin");
        var response = await client.PostFormAsync("/org/schools/new", "school",
            Form("青山县西岭乡新建小学", students: "1,234", boarding: true, district: xiling.ToString()));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var school = await app.QueryAsync(db => db.Schools.SingleAsync(s => s.Name == "青山县西岭乡新建小学"));
        Assert.Equal($"/org/schools/{school.Id}?saved=1", Html.RedirectPath(response));
        Assert.Equal(await app.BureauIdAsync("青山县教育局"), school.BureauId);
        Assert.Equal(xiling, school.DistrictId);
        Assert.Equal(1234, school.Students);
        Assert.True(school.IsBoarding);
        Assert.Equal(SchoolKind.Primary, school.Kind);

        var page = await client.GetStringAsync(Html.RedirectPath(response));
        Assert.Contains("已保存", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LetACityAdminCreateASchoolInTheCountyTheyChoose()
    {
        var yx = await app.BureauIdAsync("云溪区教育局");
        var client = await app.LoginAsync("city.admin");

        var missing = await client.PostFormAsync("/org/schools/new", "school", Form("云溪区市属新建学校"));
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("请选择所属县（区）教育局。", Forms.ErrorText(await missing.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var response = await client.PostFormAsync("/org/schools/new", "school", Form("云溪区市属新建学校", bureau: yx.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var school = await app.QueryAsync(db => db.Schools.SingleAsync(s => s.Name == "云溪区市属新建学校"));
        Assert.Equal(yx, school.BureauId);
        Assert.StartsWith(await app.QueryAsync(db => db.Bureaus.Where(b => b.Id == yx).Select(b => b.Path).SingleAsync()), school.ScopePath, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc", "学生数须为 0 到 20,000 之间的整数。")]
    [InlineData("-5", "学生数须为 0 到 20,000 之间的整数。")]
    [InlineData("20001", "学生数须为 0 到 20,000 之间的整数。")]
    [InlineData("", "请填写学生数。")]
    public async Task RejectBadCountsAndChangeNothing(string students, string message)
    {
        var id = await app.SchoolIdAsync("青山县城关初级中学");
        var before = await app.QueryAsync(db => db.Schools.AsNoTracking().SingleAsync(s => s.Id == id));
        var client = await app.LoginAsync("qs.admin");

        var response = await client.PostFormAsync($"/org/schools/{id}", "school", Form("青山县城关初级中学（改名）", students: students, kind: "Junior"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, Forms.ErrorText(html), StringComparison.Ordinal);
        Assert.Contains("field invalid", html, StringComparison.Ordinal);
        var after = await app.QueryAsync(db => db.Schools.AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.Equal(before.Name, after.Name);
        Assert.Equal(before.Students, after.Students);
        Assert.Equal(before.Version, after.Version);
    }

    [Fact]
    public async Task RejectAMissingNameAndKind()
    {
        var client = await app.LoginAsync("qs.admin");
        var count = await app.QueryAsync(db => db.Schools.CountAsync());
        var response = await client.PostFormAsync("/org/schools/new", "school", Form(" ", kind: ""));
        var errors = Forms.ErrorText(await response.Content.ReadAsStringAsync());
        Assert.Contains("请填写学校名称。", errors, StringComparison.Ordinal);
        Assert.Contains("请选择学校类型。", errors, StringComparison.Ordinal);
        Assert.Equal(count, await app.QueryAsync(db => db.Schools.CountAsync()));
    }

    [Fact]
    public async Task RejectADuplicateNameInTheSameCounty()
    {
        var client = await app.LoginAsync("qs.admin");
        var response = await client.PostFormAsync("/org/schools/new", "school", Form("青山县第二中学", kind: "Senior"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("青山县教育局已有名为“青山县第二中学”的学校", Forms.ErrorText(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(1, await app.QueryAsync(db => db.Schools.CountAsync(s => s.Name == "青山县第二中学")));

        var other = await app.SchoolIdAsync("青山县城关第二小学");
        var rename = await client.PostFormAsync($"/org/schools/{other}", "school", Form("青山县实验小学"));
        Assert.Contains("已有名为“青山县实验小学”的学校", Forms.ErrorText(await rename.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal("青山县城关第二小学", await app.QueryAsync(db => db.Schools.Where(s => s.Id == other).Select(s => s.Name).SingleAsync()));
    }

    [Fact]
    public async Task AllowTheSameNameInAnotherCounty()
    {
        var client = await app.LoginAsync("yx.admin");
        var response = await client.PostFormAsync("/org/schools/new", "school", Form("青山县职业技术学校", kind: "Vocational"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(2, await app.QueryAsync(db => db.Schools.CountAsync(s => s.Name == "青山县职业技术学校")));
    }

    [Fact]
    public async Task AssignASchoolToADistrictOfItsOwnCountyOnly()
    {
        var id = await app.SchoolIdAsync("青山县第二中学");
        var donghu = await app.DistrictIdAsync("东湖片区");
        var yxNorth = await app.DistrictIdAsync("北片区");
        var client = await app.LoginAsync("qs.admin");

        var foreign = await client.PostFormAsync($"/org/schools/{id}", "school", Form("青山县第二中学", kind: "Senior", district: yxNorth.ToString()));
        Assert.Contains("请选择学校所在县（区）的安全小区。", Forms.ErrorText(await foreign.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.NotEqual(yxNorth, await app.QueryAsync(db => db.Schools.Where(s => s.Id == id).Select(s => s.DistrictId).SingleAsync()));

        var response = await client.PostFormAsync($"/org/schools/{id}", "school", Form("青山县第二中学", students: "2100", staff: "180", classes: "40", kind: "Senior", boarding: true, district: donghu.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(donghu, await app.QueryAsync(db => db.Schools.Where(s => s.Id == id).Select(s => s.DistrictId).SingleAsync()));

        var list = await client.GetStringAsync($"/org/schools?district={donghu}");
        Assert.Contains("青山县第二中学", list, StringComparison.Ordinal);

        var none = await client.PostFormAsync($"/org/schools/{id}", "school", Form("青山县第二中学", students: "2100", staff: "180", classes: "40", kind: "Senior", boarding: true));
        Assert.Equal(HttpStatusCode.Redirect, none.StatusCode);
        Assert.Null(await app.QueryAsync(db => db.Schools.Where(s => s.Id == id).Select(s => s.DistrictId).SingleAsync()));
    }

    [Fact]
    public async Task RefuseToOverwriteAChangeMadeMeanwhile()
    {
        var id = await app.SchoolIdAsync("青山县东湖镇中心幼儿园");
        var staleVersion = await app.QueryAsync(db => db.Schools.Where(s => s.Id == id).Select(s => s.Version).SingleAsync());
        await using (var db = app.Db())
        {
            var school = await db.Schools.SingleAsync(s => s.Id == id);
            school.Update(new SchoolDetails(school.Name, school.Kind, school.IsPrivate, school.IsBoarding, 999, school.Staff, school.Classes, school.Address));
            await db.SaveChangesAsync();
        }

        var client = await app.LoginAsync("qs.admin");
        var form = Form("青山县东湖镇中心幼儿园", students: "100", kind: "Kindergarten");
        form["Input.Version"] = staleVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var response = await client.PostFormAsync($"/org/schools/{id}", "school", form);

        Assert.Contains("刚被他人修改过", Forms.ErrorText(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(999, await app.QueryAsync(db => db.Schools.Where(s => s.Id == id).Select(s => s.Students).SingleAsync()));
    }

    [Fact]
    public async Task TreatAnotherCountysSchoolAsNotFoundAndNeverWriteIt()
    {
        var id = await app.SchoolIdAsync("青山县实验小学");
        var before = await app.QueryAsync(db => db.Schools.AsNoTracking().SingleAsync(s => s.Id == id));
        var client = await app.LoginAsync("yx.admin");

        var get = await client.GetAsync($"/org/schools/{id}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        var page = await get.Content.ReadAsStringAsync();
        Assert.Contains("页面不存在", page, StringComparison.Ordinal);
        Assert.DoesNotContain("青山县实验小学", page, StringComparison.Ordinal);

        var post = await client.PostFormAsync($"/org/schools/{id}", "school", Form("被改名的学校", students: "1", kind: "Primary"), getUrl: "/org/schools");
        var sentBack = await client.AssertSentBackAsync(post, $"/org/schools/{id}", HttpStatusCode.NotFound, "页面不存在");
        Assert.DoesNotContain("青山县实验小学", sentBack, StringComparison.Ordinal);

        var after = await app.QueryAsync(db => db.Schools.AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.Equal(before.Name, after.Name);
        Assert.Equal(before.Students, after.Students);
        Assert.Equal(before.Version, after.Version);
    }

    [Fact]
    public async Task ShowSafetyOfficersTheFactsWithoutAForm()
    {
        var id = await app.SchoolIdAsync("青山县机关幼儿园");
        var client = await app.LoginAsync("qs.safety");
        var html = await client.GetStringAsync($"/org/schools/{id}");
        Assert.Contains("data-testid=\"facts\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Input.Name\"", html, StringComparison.Ordinal);
    }
}
