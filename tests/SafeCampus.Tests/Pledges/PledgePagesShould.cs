using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;

namespace SafeCampus.Tests.Pledges;

/// <summary>The pledge pages through HTTP, signed in as the people who use them.</summary>
public sealed partial class PledgePagesShould(PledgePagesShould.Fixture app) : IClassFixture<PledgePagesShould.Fixture>
{
    public sealed class Fixture : DemoAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Pdf:ChromiumPath", Browser.BrowserFixture.ChromiumPath);
        }
    }

    [Fact]
    public async Task LetAPrincipalSignOnTheFormAfterAWrongNameAndDownloadThePdf()
    {
        var id = await PledgeKit.LaunchAsync(app, "qs.admin", ["青山县第一中学"], staff: false, parents: false);
        var signature = await PledgeKit.SignatureOfAsync(app, id, "qs1z.principal");
        var client = await app.LoginAsync("qs1z.principal");
        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/pledges/sign/{signature}"));
        Assert.Contains("乙方：青山县第一中学　校长：刘志强", page, StringComparison.Ordinal);
        var hash = HashRegex().Match(page).Groups[1].Value;

        var wrong = await client.PostFormAsync($"/pledges/sign/{signature}", "pledge-sign",
            new() { ["Input.Confirmed"] = "true", ["Input.Name"] = "张三", ["Input.TextSha256"] = hash });
        Assert.Contains("输入的姓名与账号实名不一致", Forms.ErrorText(await wrong.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var stale = await client.PostFormAsync($"/pledges/sign/{signature}", "pledge-sign",
            new() { ["Input.Confirmed"] = "true", ["Input.Name"] = "刘志强", ["Input.TextSha256"] = new string('0', 64) });
        Assert.Contains("责任书内容已变化", Forms.ErrorText(await stale.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await using (var scope = await app.ScopeAsAsync("qs1z.principal"))
        {
            Assert.Null((await scope.ServiceProvider.GetRequiredService<AppDbContext>().PledgeSignatures.SingleAsync(s => s.Id == signature)).SignedAt);
        }

        var signed = await client.PostFormAsync($"/pledges/sign/{signature}", "pledge-sign",
            new() { ["Input.Confirmed"] = "true", ["Input.Name"] = "刘志强", ["Input.TextSha256"] = hash, ["Input.Drawing"] = "M10 10L50 60L90 20" });
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        var done = await client.GetStringAsync($"/pledges/sign/{signature}");
        var code = CodeRegex().Match(done).Groups[1].Value;
        Assert.Matches("^[A-HJ-NP-Z2-9]{12}$", code);

        var pdf = await client.GetAsync($"/pledges/signatures/{signature}/pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var text = await PdfText.ExtractAsync(await pdf.Content.ReadAsByteArrayAsync(), layout: false);
        Assert.Contains("刘志强", text, StringComparison.Ordinal);
        Assert.Contains($"{code[..4]}-{code[4..8]}-{code[8..]}", text, StringComparison.Ordinal);
        Assert.Contains("学校安全工作目标管理责任书", text, StringComparison.Ordinal);

        // Another county's officer cannot reach it; the verification page can, by its code only.
        var other = await app.LoginAsync("yx.safety");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/pledges/signatures/{signature}/pdf")).StatusCode);
        var anonymous = await app.CreateClient().GetStringAsync($"/pledges/verify?code={code}");
        Assert.Contains("验证通过", anonymous, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LaunchACampaignFromTheFormAndShowItsRatesToTheBureauOnly()
    {
        var client = await app.LoginAsync("qs.admin");
        var form = await client.GetStringAsync("/pledges/campaigns/new");
        var principalTemplate = (await PledgeKit.CityTemplatesAsync(app))[PledgeKind.BureauPrincipal].ToString();
        Assert.Contains(principalTemplate, form, StringComparison.Ordinal);
        var bad = await client.PostFormAsync("/pledges/campaigns/new", "pledge-launch", new()
        {
            ["Input.Title"] = "", ["Input.SchoolYear"] = "2026—2027学年", ["Input.Deadline"] = "2020-01-01", ["Input.LayerPrincipal"] = principalTemplate,
            ["Input.Reminders"] = "7,x",
        });
        var badHtml = await bad.Content.ReadAsStringAsync();

        var errors = Forms.ErrorText(badHtml);
        Assert.Contains("请填写标题", errors, StringComparison.Ordinal);
        Assert.Contains("提醒天数须为", errors, StringComparison.Ordinal);

        var launched = await client.PostFormAsync("/pledges/campaigns/new", "pledge-launch", new()
        {
            ["Input.Title"] = "青山县2026年秋季安全责任书", ["Input.SchoolYear"] = "2026—2027学年",
            ["Input.Deadline"] = app.Clock.GetUtcNow().AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.LayerPrincipal"] = principalTemplate, ["Input.Reminders"] = "7,3,1",
        });
        Assert.Equal(HttpStatusCode.Redirect, launched.StatusCode);
        var location = launched.Headers.Location!.ToString();
        var detail = await client.GetStringAsync(location);
        Assert.Contains("青山县实验小学", detail, StringComparison.Ordinal);
        Assert.Contains("0.0 %", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("云溪区", detail, StringComparison.Ordinal);

        // 云溪区 cannot open 青山县's campaign: not found.
        var yunxi = await app.LoginAsync("yx.admin");
        var path = location.Split('?')[0];
        Assert.Equal(HttpStatusCode.NotFound, (await yunxi.GetAsync(path)).StatusCode);
        // The city sees it, by county.
        var city = await app.LoginAsync("city.safety");
        Assert.Contains("青山县教育局", await city.GetStringAsync(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LetTheSignedPrincipalPassOnToStaffAndImportARoster()
    {
        var id = await PledgeKit.LaunchAsync(app, "city.admin", ["云溪区第一幼儿园"]);
        var client = await app.LoginAsync("yxyey.principal");
        var before = await client.GetStringAsync($"/pledges/school/{id}");
        Assert.Contains("请先签署本校的责任书", before, StringComparison.Ordinal);
        var early = await client.PostFormAsync($"/pledges/school/{id}", "pledge-staff", new() { ["staff"] = "x" });
        Assert.Contains("校长签署本校责任书后才能向下一层下发", Forms.ErrorText(await early.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        await PledgeKit.SignAsync(app, id, "yxyey.principal");
        string director;
        await using (var scope = await app.ScopeAsAsync("yxyey.principal"))
        {
            director = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(u => u.UserName == "yxyey.director").Select(u => u.Id).SingleAsync();
        }

        var passed = await client.PostFormAsync($"/pledges/school/{id}", "pledge-staff", new() { ["staff"] = director, [$"post-{director}"] = "ClassTeacher" });
        Assert.Equal(HttpStatusCode.Redirect, passed.StatusCode);
        var roster = System.Text.Encoding.UTF8.GetBytes(PledgeKit.Roster("大一班", "王一", "李二"));
        var imported = await client.PostMultipartAsync($"/pledges/school/{id}", "pledge-roster", [], ("Roster", "roster.csv", roster));
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        var after = await client.GetStringAsync(imported.Headers.Location!.ToString());
        Assert.Contains("新增 2 名学生的回执链接", after, StringComparison.Ordinal);
        Assert.Contains("何平", after, StringComparison.Ordinal);
        Assert.Contains("班主任", after, StringComparison.Ordinal);

        var sheet = await client.GetStringAsync($"/pledges/school/{id}/qr?class={Uri.EscapeDataString("大一班")}");
        Assert.Equal(2, Regex.Count(sheet, "<svg"));
        Assert.Matches("/r/[A-Za-z0-9_-]{22}<", sheet);

        // The director now has the staff pledge to sign, as a to-do.
        var directorClient = await app.LoginAsync("yxyey.director");
        Assert.Contains("待签责任书", await directorClient.GetStringAsync("/"), StringComparison.Ordinal);
        // Another school's principal does not see this campaign's school page.
        var otherPrincipal = await app.LoginAsync("qssx.principal");
        Assert.Equal(HttpStatusCode.NotFound, (await otherPrincipal.GetAsync($"/pledges/school/{id}")).StatusCode);
    }

    [GeneratedRegex("name=\"Input.TextSha256\" value=\"([0-9a-f]{64})\"")]
    private static partial Regex HashRegex();

    [GeneratedRegex("data-testid=\"code\">([A-Z0-9]{12})<")]
    private static partial Regex CodeRegex();
}
