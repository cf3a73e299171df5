using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Pledges;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Pledges;

public sealed partial class ParentReceiptsShould(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    [Fact]
    public async Task ShowATinyNoticePageAndAcknowledgeOnceWhateverIsResubmitted()
    {
        var (id, tokens) = await IssueAsync("王小明", "李小红");
        var client = app.CreateClient();
        var page = await client.GetAsync($"/r/{tokens["王小明"]}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("尊敬的小明同学家长", html, StringComparison.Ordinal);
        Assert.DoesNotContain("王小明", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.True(html.Length < 50_000, $"page is {html.Length} characters");

        var first = await PostAsync(client, tokens["王小明"], html, "王大明", "父亲");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("回执已提交", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var again = await PostAsync(client, tokens["王小明"], html, "别人", "母亲");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        var receipt = await ReceiptAsync(id, "王小明");
        Assert.Equal(("王大明", "父亲"), (receipt.AckName, receipt.AckRelationship));
        Assert.Null((await ReceiptAsync(id, "李小红")).AcknowledgedAt);
        Assert.Contains("您已确认过", await client.GetStringAsync($"/r/{tokens["王小明"]}"), StringComparison.Ordinal);

        // The database refuses to change or delete an acknowledged receipt, even by a direct statement; a receipt
        // not yet acknowledged is not guarded (the trigger fires only on acknowledged rows).
        var system = new TenantScope();
        using var _ = system.EnterSystem("test");
        await using var db = TestDatabase.CreateContext(app.ConnectionString, system);
        var changed = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            db.NoticeReceipts.Where(r => r.CampaignId == id && r.StudentName == "王小明").ExecuteUpdateAsync(s => s.SetProperty(r => r.AckName, "篡改")));
        Assert.Contains("immutable", changed.MessageText, StringComparison.Ordinal);
        var deleted = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            db.NoticeReceipts.Where(r => r.CampaignId == id && r.StudentName == "王小明").ExecuteDeleteAsync());
        Assert.Contains("immutable", deleted.MessageText, StringComparison.Ordinal);
        Assert.Equal(1, await db.NoticeReceipts.Where(r => r.CampaignId == id && r.StudentName == "李小红")
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.AckUserAgent, "unchanged-before-ack")));
        Assert.Equal("王大明", (await ReceiptAsync(id, "王小明")).AckName);
    }

    [Fact]
    public async Task AnswerBadInputInChineseAndChangeNothing()
    {
        var (id, tokens) = await IssueAsync("赵小雨");
        var client = app.CreateClient();
        var html = await client.GetStringAsync($"/r/{tokens["赵小雨"]}");
        var bad = await PostAsync(client, tokens["赵小雨"], html, "", "邻居");
        var body = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("请填写家长姓名", body, StringComparison.Ordinal);
        Assert.Contains("请选择与学生的关系", body, StringComparison.Ordinal);
        Assert.Null((await ReceiptAsync(id, "赵小雨")).AcknowledgedAt);

        // Forged and malformed links: not found, in Chinese.
        foreach (var forged in new[] { "AAAAAAAAAAAAAAAAAAAAAA", tokens["赵小雨"][..21] + (tokens["赵小雨"][21] == 'A' ? "B" : "A"), "短", "../../etc/passwd" })
        {
            var response = await client.GetAsync($"/r/{Uri.EscapeDataString(forged)}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("链接无效", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ExpireLinksWithTheCampaignAndNeverReachAnotherCampaign()
    {
        var (first, firstTokens) = await IssueAsync("陈小雪");
        var (second, secondTokens) = await IssueAsync("陈小雪");
        Assert.NotEqual(firstTokens["陈小雪"], secondTokens["陈小雪"]);
        var store = app.Services.GetRequiredService<ReceiptStore>();
        Assert.Equal(AckOutcome.Acknowledged, await store.AcknowledgeAsync(firstTokens["陈小雪"], Ack(), default));
        Assert.NotNull((await ReceiptAsync(first, "陈小雪")).AcknowledgedAt);
        Assert.Null((await ReceiptAsync(second, "陈小雪")).AcknowledgedAt);

        var start = app.Clock.GetUtcNow();
        try
        {
            app.Clock.Advance(TimeSpan.FromDays(11)); // past the deadline day
            var client = app.CreateClient();
            var page = await client.GetAsync($"/r/{secondTokens["陈小雪"]}");
            Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
            Assert.Contains("该回执链接已过期", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(AckOutcome.Expired, await store.AcknowledgeAsync(secondTokens["陈小雪"], Ack(), default));
            Assert.Null((await ReceiptAsync(second, "陈小雪")).AcknowledgedAt);
        }
        finally
        {
            app.Clock.Set(start);
        }
    }

    [Fact]
    public async Task FlagBurstsFromOneNetworkOrDeviceAndInhumanSpeedWithoutBlocking()
    {
        var students = Enumerable.Range(1, 13).Select(i => $"学生{i:00}").ToArray();
        var (id, tokens) = await IssueAsync(students);
        var store = app.Services.GetRequiredService<ReceiptStore>();
        for (var i = 0; i < ReceiptStore.IpBurst; i++)
        {
            Assert.Equal(AckOutcome.Acknowledged, await store.AcknowledgeAsync(tokens[students[i]], Ack("36.1.1.1", Guid.NewGuid().ToString("N")), default));
        }

        Assert.Equal(AckOutcome.Acknowledged, await store.AcknowledgeAsync(tokens[students[10]], Ack("36.1.1.1", Guid.NewGuid().ToString("N")), default));
        Assert.Equal(ReceiptFlags.None, (await ReceiptAsync(id, students[9])).Flags);
        Assert.Equal(ReceiptFlags.Burst, (await ReceiptAsync(id, students[10])).Flags);

        // Through the page: submitted without having opened the form (no stamp) is too fast; a real read is not.
        var client = app.CreateClient();
        var html = await client.GetStringAsync($"/r/{tokens[students[11]]}");
        var noStamp = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "家长", ["relationship"] = "母亲" });
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/r/{tokens[students[12]]}", noStamp)).StatusCode);
        Assert.Equal(ReceiptFlags.TooFast, (await ReceiptAsync(id, students[12])).Flags);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        await PostAsync(client, tokens[students[11]], html, "家长", "父亲");
        Assert.Equal(ReceiptFlags.None, (await ReceiptAsync(id, students[11])).Flags);

        await using var scope = await app.ScopeAsAsync("qs.safety");
        var figures = (await scope.ServiceProvider.GetRequiredService<PledgeRates>().BySchoolAsync(id, null))[app.Org.QingshanFirstMiddle.Id];
        Assert.Equal((13, 13, 2), (figures.Issued, figures.Acknowledged, figures.Flagged));
    }

    [Fact]
    public async Task RateLimitOneLinkWithAChineseMessage()
    {
        var (_, tokens) = await IssueAsync("冯小北");
        var client = app.CreateClient();
        var limits = new PledgeRateLimits();
        for (var i = 0; i < limits.PerTokenPerMinute; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/r/{tokens["冯小北"]}")).StatusCode);
        }

        var refused = await client.GetAsync($"/r/{tokens["冯小北"]}");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("请求过于频繁，请稍后再试。", await refused.Content.ReadAsStringAsync());
    }

    /// <summary>A new parents-only campaign for 青山县第一中学 with the students in class 初一1班, and their links.</summary>
    private async Task<(Guid Campaign, Dictionary<string, string> Tokens)> IssueAsync(params string[] students)
    {
        var id = await PledgeKit.LaunchAsync(app, "qs.admin", ["青山县第一中学"], staff: false, principal: false);
        var result = await PledgeKit.ImportAsync(app, id, "qs1z.principal", PledgeKit.Roster("初一1班", students));
        Assert.Empty(result.Errors);
        return (id, await PledgeKit.TokensAsync(app, id, "qs1z.principal"));
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string token, string page, string name, string relationship)
    {
        var stamp = WebUtility.HtmlDecode(StampRegex().Match(page).Groups[1].Value);
        return client.PostAsync($"/r/{token}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["t"] = stamp, ["name"] = name, ["relationship"] = relationship,
        }));
    }

    private async Task<NoticeReceipt> ReceiptAsync(Guid campaign, string student)
    {
        var system = new TenantScope();
        using var _ = system.EnterSystem("test");
        await using var db = TestDatabase.CreateContext(app.ConnectionString, system);
        return await db.NoticeReceipts.AsNoTracking().SingleAsync(r => r.CampaignId == campaign && r.StudentName == student);
    }

    private static Acknowledgement Ack(string? ip = "10.0.0.1", string? device = null) => new("家长", "母亲", ip, device, "test", false);

    [GeneratedRegex("name=\"t\" value=\"([^\"]+)\"")]
    private static partial Regex StampRegex();
}
