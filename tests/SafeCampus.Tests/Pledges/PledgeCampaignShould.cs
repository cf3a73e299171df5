using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Pledges;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Pledges;

public sealed class PledgeCampaignShould(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    private static readonly string[] ThreeSchools = ["青山县第一中学", "青山县实验小学", "云溪区第一幼儿园"];

    [Fact]
    public async Task ComputeRatesAtClassSchoolCountyAndCityLevel()
    {
        var id = await PledgeKit.LaunchAsync(app, "city.admin", ThreeSchools);
        await PledgeKit.SignAsync(app, id, "qssx.principal");
        await using (var scope = await app.ScopeAsAsync("qssx.principal"))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var director = await db.Users.Where(u => u.UserName == "qssx.director").Select(u => u.Id).SingleAsync();
            await scope.ServiceProvider.GetRequiredService<PledgeService>().PassOnToStaffAsync(id, [new StaffAssignment(director, StaffPost.MiddleManager)]);
        }

        Assert.Empty((await PledgeKit.ImportAsync(app, id, "qssx.principal", PledgeKit.Roster("一年级1班", "王小明", "李小红", "张小刚"))).Errors);
        Assert.Empty((await PledgeKit.ImportAsync(app, id, "qssx.principal", PledgeKit.Roster("一年级2班", "赵小雨", "陈小雪"))).Errors);
        await PledgeKit.SignAsync(app, id, "yxyey.principal");
        Assert.Empty((await PledgeKit.ImportAsync(app, id, "yxyey.principal", PledgeKit.Roster("大一班", "周一", "吴二", "郑三", "冯四"))).Errors);

        var store = app.Services.GetRequiredService<ReceiptStore>();
        var qssx = await PledgeKit.TokensAsync(app, id, "qssx.principal");
        var yxyey = await PledgeKit.TokensAsync(app, id, "yxyey.principal");
        foreach (var token in new[] { qssx["王小明"], qssx["李小红"], qssx["赵小雨"], yxyey["周一"], yxyey["吴二"] })
        {
            Assert.Equal(AckOutcome.Acknowledged, await store.AcknowledgeAsync(token, Ack(), default));
        }

        await using var city = await app.ScopeAsAsync("city.admin");
        var rates = city.ServiceProvider.GetRequiredService<PledgeRates>();
        var (counties, total) = await rates.RowsAsync(id, byCounty: true, countyId: null);
        Assert.Equal(new RateFigures(4, 2, 9, 5, 0), total);
        Assert.Equal("50.0 %", total.SigningRate);
        Assert.Equal("55.5 %", total.DeliveryRate); // 5/9 = 55.55…: rounded down, never up to a rate not reached
        Assert.Equal(new RateFigures(3, 1, 5, 3, 0), counties.Single(c => c.Name == "青山县教育局").Figures);
        Assert.Equal(new RateFigures(1, 1, 4, 2, 0), counties.Single(c => c.Name == "云溪区教育局").Figures);

        var (schools, _) = await rates.RowsAsync(id, byCounty: false, countyId: app.Org.Qingshan.Id);
        Assert.Equal(new RateFigures(2, 1, 5, 3, 0), schools.Single(s => s.Name == "青山县实验小学").Figures);
        Assert.Equal(new RateFigures(1, 0, 0, 0, 0), schools.Single(s => s.Name == "青山县第一中学").Figures);
        Assert.Equal(2, schools.Count);

        var classes = await rates.ByClassAsync(id, app.Org.QingshanPrimary.Id);
        Assert.Equal([new ClassRate("一年级1班", 3, 2, 0), new ClassRate("一年级2班", 2, 1, 0)], classes);
        var pending = await rates.ReceiptsAsync(id, app.Org.QingshanPrimary.Id, null, pendingOnly: true, flaggedOnly: false);
        Assert.Equal(["张小刚", "陈小雪"], pending.Select(p => p.StudentName).Order());
        var nonSigners = await rates.SignersAsync(id, app.Org.QingshanPrimary.Id, pendingOnly: true);
        Assert.Equal("马强", Assert.Single(nonSigners).Name);

        // A county officer sees only its county's schools and figures.
        await using var county = await app.ScopeAsAsync("qs.safety");
        var (own, ownTotal) = await county.ServiceProvider.GetRequiredService<PledgeRates>().RowsAsync(id, byCounty: false, countyId: null);
        Assert.Equal(new RateFigures(3, 1, 5, 3, 0), ownTotal);
        Assert.All(own, r => Assert.StartsWith("青山县", r.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RefuseAWrongNameSigningTwiceAndPassingOnBeforeSigning()
    {
        var id = await PledgeKit.LaunchAsync(app, "qs.admin", ["青山县第一中学"]);
        var wrong = await Assert.ThrowsAsync<DomainException>(() => PledgeKit.SignAsync(app, id, "qs1z.principal", "刘志"));
        Assert.Equal("输入的姓名与账号实名不一致，请输入您的真实姓名。", wrong.LocalizedMessage());
        var early = await Assert.ThrowsAsync<DomainException>(() => PledgeKit.ImportAsync(app, id, "qs1z.principal", PledgeKit.Roster("初一1班", "王一")));
        Assert.Equal("Pledges.PrincipalFirst", early.Code);

        await PledgeKit.SignAsync(app, id, "qs1z.principal", " 刘 志强 ");
        var twice = await Assert.ThrowsAsync<DomainException>(() => PledgeKit.SignAsync(app, id, "qs1z.principal"));
        Assert.Equal("您已签署过这份责任书，无需重复签署。", twice.LocalizedMessage());

        await using var scope = await app.ScopeAsAsync("qs1z.principal");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var s = await db.PledgeSignatures.SingleAsync(x => x.CampaignId == id);
        Assert.Equal("刘志强", s.SignerName);
        Assert.Equal("校长", s.SignerRole);
        Assert.Equal("青山县第一中学", s.SchoolName);
        Assert.Equal(PledgeSignature.Sha256Hex(s.SignedText!), s.TextSha256);
        Assert.Contains("青山县第一中学", s.SignedText, StringComparison.Ordinal);
        Assert.Contains("刘志强", s.SignedText, StringComparison.Ordinal);
        Assert.DoesNotContain("{", s.SignedText, StringComparison.Ordinal);
        Assert.Equal("127.0.0.1", s.Ip);
        Assert.Matches("^[A-HJ-NP-Z2-9]{12}$", s.VerificationCode!);
    }

    [Fact]
    public async Task KeepSignedVersionsUnchangedAndReportARevisedTemplateOnVerification()
    {
        var id = await PledgeKit.LaunchAsync(app, "city.admin", ["云溪区第一幼儿园"], staff: false, parents: false);
        await PledgeKit.SignAsync(app, id, "yxyey.principal");
        var templates = await PledgeKit.CityTemplatesAsync(app);
        string code;
        Guid signedVersion;
        await using (var scope = await app.ScopeAsAsync("yxyey.principal"))
        {
            var s = await scope.ServiceProvider.GetRequiredService<AppDbContext>().PledgeSignatures.SingleAsync(x => x.CampaignId == id);
            (code, signedVersion) = (s.VerificationCode!, s.VersionId);
        }

        string bodyBefore;
        await using (var scope = await app.ScopeAsAsync("city.admin"))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            bodyBefore = (await db.PledgeTemplateVersions.SingleAsync(v => v.Id == signedVersion)).Body;
            var v2 = await scope.ServiceProvider.GetRequiredService<PledgeService>()
                .ReviseTemplateAsync(templates[PledgeKind.BureauPrincipal], "{学年}学校安全工作目标管理责任书（修订）", bodyBefore + "\n\n六、新增条款。");
            Assert.NotEqual(signedVersion, v2.Id);
            Assert.Equal(2, v2.Number);
        }

        await using (var scope = await app.ScopeAsAsync("city.admin"))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(bodyBefore, (await db.PledgeTemplateVersions.SingleAsync(v => v.Id == signedVersion)).Body);
            // Even a direct UPDATE is refused by the database.
            var error = await Assert.ThrowsAsync<PostgresException>(() =>
                db.PledgeTemplateVersions.Where(v => v.Id == signedVersion).ExecuteUpdateAsync(s => s.SetProperty(v => v.Body, "篡改")));
            Assert.Contains("immutable", error.MessageText, StringComparison.Ordinal);
            var signatureError = await Assert.ThrowsAsync<PostgresException>(() =>
                db.PledgeSignatures.Where(s => s.CampaignId == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.SignedText, "篡改")));
            Assert.Contains("immutable", signatureError.MessageText, StringComparison.Ordinal);

            var verification = scope.ServiceProvider.GetRequiredService<PledgeVerification>();
            var result = (await verification.VerifyAsync(code.ToLowerInvariant()[..4] + "-" + code[4..], null))!;
            Assert.True(result.StoredTextIntact);
            Assert.Equal(1, result.SignedVersion);
            Assert.Equal(2, result.LatestVersion);
            Assert.False(result.CurrentTemplateMatches);
            Assert.True((await verification.VerifyAsync(code, result.SignedText))!.PastedTextMatches);
            Assert.False((await verification.VerifyAsync(code, result.SignedText + "。"))!.PastedTextMatches);
            Assert.Null(await verification.VerifyAsync("ABCDEFGHJKLM", null));
        }

        // The anonymous page says so in Chinese.
        var page = await app.CreateClient().GetStringAsync($"/pledges/verify?code={code}");
        Assert.Contains("现行文本与签署的第 1 版不一致", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RejectARosterWithBadRowsListingEveryRowAndSavingNothing()
    {
        var id = await PledgeKit.LaunchAsync(app, "city.admin", ["云溪区第一幼儿园"], staff: false, principal: false);
        var result = await PledgeKit.ImportAsync(app, id, "yxyey.principal",
            "班级,学生姓名,监护人姓名\n大一班,王一,王家长\n,李二,李家长\n大一班,王一,王爸爸\n大二班," + new string('名', 31) + ",\n");
        Assert.Equal(0, result.Added);
        Assert.Equal(["第 3 行：班级不能为空且不超过 30 个字", "第 4 行：与第 2 行重复", "第 5 行：学生姓名不能为空且不超过 30 个字"], result.Errors);
        await using (var scope = await app.ScopeAsAsync("yxyey.principal"))
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<AppDbContext>().NoticeReceipts.AnyAsync(r => r.CampaignId == id));
        }

        var ok = await PledgeKit.ImportAsync(app, id, "yxyey.principal", PledgeKit.Roster("大一班", "王一", "李二"));
        Assert.Equal(2, ok.Added);
        var again = await PledgeKit.ImportAsync(app, id, "yxyey.principal", PledgeKit.Roster("大一班", "王一", "李二", "张三"));
        Assert.Equal((1, 2), (again.Added, again.Skipped));
    }

    [Fact]
    public async Task RemindEachNonSignerOncePerReminderDay()
    {
        var id = await PledgeKit.LaunchAsync(app, "qs.admin", ["青山县实验小学"], staff: false, parents: false, daysToDeadline: 5, reminders: [3, 1]);
        var signature = await PledgeKit.SignatureOfAsync(app, id, "qssx.principal");
        var start = app.Clock.GetUtcNow();
        try
        {
            Assert.Equal(0, await CountRemindersAsync(signature)); // 5 days left: no stage yet
            await RunRemindersAsync();
            Assert.Equal(0, await CountRemindersAsync(signature));
            app.Clock.Advance(TimeSpan.FromDays(2)); // 3 days left
            await RunRemindersAsync();
            await RunRemindersAsync();
            Assert.Equal(1, await CountRemindersAsync(signature));
            app.Clock.Advance(TimeSpan.FromDays(2)); // 1 day left
            await RunRemindersAsync();
            await RunRemindersAsync();
            Assert.Equal(2, await CountRemindersAsync(signature));
            await PledgeKit.SignAsync(app, id, "qssx.principal");
            app.Clock.Advance(TimeSpan.FromDays(1)); // deadline day, signed: nothing more
            await RunRemindersAsync();
            Assert.Equal(2, await CountRemindersAsync(signature));
        }
        finally
        {
            app.Clock.Set(start);
        }
    }

    [Fact]
    public async Task LaunchARecurringCampaignOnceAYear()
    {
        var start = app.Clock.GetUtcNow();
        try
        {
            var year = app.Clock.Today().Year + 1;
            app.Clock.Set(new DateTimeOffset(year, 5, 6, 1, 0, 0, TimeSpan.Zero)); // 09:00 in China, the spring schedule's day
            await using (var scope = app.Services.CreateAsyncScope())
            {
                using var _ = scope.ServiceProvider.GetRequiredService<TenantScope>().EnterSystem("test");
                Assert.Equal(1, await ActivatorUtilities.CreateInstance<PledgeScheduleJob>(scope.ServiceProvider).RunAsync());
            }

            await using (var scope = app.Services.CreateAsyncScope())
            {
                using var _ = scope.ServiceProvider.GetRequiredService<TenantScope>().EnterSystem("test");
                Assert.Equal(0, await ActivatorUtilities.CreateInstance<PledgeScheduleJob>(scope.ServiceProvider).RunAsync());
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var launched = await db.PledgeCampaigns.SingleAsync(c => c.Title == $"{year}年学生乘车安全和防溺水保证书签订（春季）");
                Assert.Equal(new DateOnly(year, 5, 20), launched.Deadline);
                Assert.Equal(31, await db.PledgeCampaignSchools.CountAsync(e => e.CampaignId == launched.Id));
                Assert.NotNull(launched.ParentVersionId);
                Assert.Null(launched.PrincipalVersionId);
            }
        }
        finally
        {
            app.Clock.Set(start);
        }
    }

    private async Task RunRemindersAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        using var _ = scope.ServiceProvider.GetRequiredService<TenantScope>().EnterSystem("test");
        await ActivatorUtilities.CreateInstance<PledgeReminderJob>(scope.ServiceProvider).RunAsync();
    }

    private async Task<int> CountRemindersAsync(Guid signatureId)
    {
        var system = new TenantScope();
        using var _ = system.EnterSystem("test");
        await using var db = TestDatabase.CreateContext(app.ConnectionString, system);
        return await db.Notifications.CountAsync(n => n.IdempotencyKey.StartsWith($"pledge-remind:{signatureId}:"));
    }

    private static Acknowledgement Ack(string ip = "10.0.0.1", string? device = null, bool tooFast = false) =>
        new("家长", "母亲", ip, device, "test", tooFast);
}
