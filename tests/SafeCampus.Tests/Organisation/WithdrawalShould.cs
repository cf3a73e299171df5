using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Tests.Pledges;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Hazards;
using SafeCampus.Web.Features.Pledges;
using SafeCampus.Web.Infrastructure;

namespace SafeCampus.Tests.Organisation;

/// <summary>A pledge or hazard campaign issued by mistake is withdrawn by the bureau that issued it, and only by it.</summary>
public sealed class WithdrawalShould(WithdrawalShould.Fixture app) : IClassFixture<WithdrawalShould.Fixture>
{
    public sealed class Fixture : DemoAppFactory;

    [Fact]
    public async Task WithdrawAPledgeCampaignSoSchoolsStopSeeingItAsATaskKeepingWhatWasSigned()
    {
        var campaign = await PledgeKit.LaunchAsync(app, "qs.safety", ["青山县实验小学", "青山县第一中学"]);
        var title = await app.QueryAsync(db => db.PledgeCampaigns.Where(c => c.Id == campaign).Select(c => c.Title).SingleAsync());
        await PledgeKit.SignAsync(app, campaign, "qs1z.principal");
        var signed = await PledgeKit.SignatureOfAsync(app, campaign, "qs1z.principal");
        await PledgeKit.ImportAsync(app, campaign, "qs1z.principal", PledgeKit.Roster("初一（1）班", "张小明", "李小红"));
        var waiting = await PledgeKit.SignatureOfAsync(app, campaign, "qssx.principal");
        var principal = await app.LoginAsync("qssx.principal");
        Assert.Contains(title, await principal.GetStringAsync("/"), StringComparison.Ordinal);

        var officer = await app.LoginAsync("qs.safety");
        var unconfirmed = await officer.PostFormAsync($"/pledges/campaigns/{campaign}", "withdraw", new() { ["Reason"] = "模板选错" });
        Assert.Contains("请勾选确认后再撤回。", Forms.ErrorText(await unconfirmed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var noReason = await officer.PostFormAsync($"/pledges/campaigns/{campaign}", "withdraw", new() { ["Reason"] = " ", ["Confirm"] = "true" });
        Assert.Contains("请填写撤回原因（200 字以内）。", Forms.ErrorText(await noReason.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.PledgeCampaigns.AnyAsync(c => c.Id == campaign && c.WithdrawnAt != null)));

        var response = await officer.PostFormAsync($"/pledges/campaigns/{campaign}", "withdraw", new() { ["Reason"] = "模板选错", ["Confirm"] = "true" });
        Assert.Equal($"/pledges/campaigns/{campaign}?withdrawn=true", Html.RedirectPath(response));
        var page = await officer.GetStringAsync(Html.RedirectPath(response));
        Assert.Contains("活动已撤回。", page, StringComparison.Ordinal);
        Assert.Contains("模板选错", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"withdraw\"", page, StringComparison.Ordinal);
        Assert.Contains("已撤回", await officer.GetStringAsync("/pledges/campaigns"), StringComparison.Ordinal);

        // Schools no longer have it as a task and cannot sign; receipt links not yet used expire; what was signed stays.
        Assert.DoesNotContain(title, await principal.GetStringAsync("/"), StringComparison.Ordinal);
        await using (var scope = await app.ScopeAsAsync("qssx.principal"))
        {
            var service = scope.ServiceProvider.GetRequiredService<PledgeService>();
            var view = (await service.SigningViewAsync(waiting))!;
            var refused = await Assert.ThrowsAsync<DomainException>(() => service.SignAsync(waiting, new SignInput(view.SignerName, true, view.TextSha256, null, "127.0.0.1", "test")));
            Assert.Equal("该签订活动已由教育局撤回，无需再签署或下发。", refused.LocalizedMessage());
        }

        var now = app.Clock.GetUtcNow();
        var receipts = await app.QueryAsync(db => db.NoticeReceipts.AsNoTracking().Where(r => r.CampaignId == campaign).ToListAsync());
        Assert.Equal(2, receipts.Count);
        Assert.All(receipts, r => Assert.True(r.ExpiresAt <= now));
        var signature = await app.QueryAsync(db => db.PledgeSignatures.AsNoTracking().SingleAsync(s => s.Id == signed));
        Assert.NotNull(signature.SignedAt);
        var reader = await app.LoginAsync("qs1z.principal");
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/pledges/signatures/{signed}/pdf")).StatusCode);
        Assert.Contains("已撤回", await reader.GetStringAsync($"/pledges/school/{campaign}"), StringComparison.Ordinal);

        var audit = await app.QueryAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == nameof(PledgeCampaign) && a.EntityKey == campaign.ToString() && a.Action == "update").ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal("qs.safety", entry.UserName);
        Assert.Contains("模板选错", entry.After, StringComparison.Ordinal);

        // A second withdrawal is refused.
        await using var again = await app.ScopeAsAsync("qs.safety");
        var twice = await Assert.ThrowsAsync<DomainException>(() => again.ServiceProvider.GetRequiredService<PledgeService>().WithdrawCampaignAsync(campaign, "再撤", true));
        Assert.Equal("该活动已撤回。", twice.LocalizedMessage());
    }

    [Fact]
    public async Task LetOnlyTheIssuingBureauWithdrawAPledgeCampaign()
    {
        var city = await PledgeKit.LaunchAsync(app, "city.safety", ["青山县实验小学"]);
        var county = await PledgeKit.LaunchAsync(app, "qs.safety", ["青山县实验小学"]);

        // The county sees the city's campaign read-only: no form, and the service does not find it to change.
        var officer = await app.LoginAsync("qs.admin");
        Assert.DoesNotContain("data-testid=\"withdraw\"", await officer.GetStringAsync($"/pledges/campaigns/{city}"), StringComparison.Ordinal);
        await using (var scope = await app.ScopeAsAsync("qs.admin"))
        {
            await Assert.ThrowsAsync<PledgeNotFoundException>(() => scope.ServiceProvider.GetRequiredService<PledgeService>().WithdrawCampaignAsync(city, "误发", true));
        }

        // The city holds the county's campaign but did not issue it.
        await using (var scope = await app.ScopeAsAsync("city.admin"))
        {
            var refused = await Assert.ThrowsAsync<DomainException>(() => scope.ServiceProvider.GetRequiredService<PledgeService>().WithdrawCampaignAsync(county, "误发", true));
            Assert.Equal("只有发起该活动的教育局可以撤回。", refused.LocalizedMessage());
        }

        // Another county does not see it at all; a school cannot withdraw.
        await using (var scope = await app.ScopeAsAsync("yx.admin"))
        {
            await Assert.ThrowsAsync<PledgeNotFoundException>(() => scope.ServiceProvider.GetRequiredService<PledgeService>().WithdrawCampaignAsync(county, "误发", true));
        }

        await using (var scope = await app.ScopeAsAsync("qssx.principal"))
        {
            await Assert.ThrowsAsync<PledgeNotFoundException>(() => scope.ServiceProvider.GetRequiredService<PledgeService>().WithdrawCampaignAsync(county, "误发", true));
        }

        Assert.False(await app.QueryAsync(db => db.PledgeCampaigns.AnyAsync(c => (c.Id == city || c.Id == county) && c.WithdrawnAt != null)));
    }

    private async Task<HazardCampaign> LaunchHazardCampaignAsync(string userName, string name)
    {
        await using var scope = await app.ScopeAsAsync(userName);
        var service = scope.ServiceProvider.GetRequiredService<CampaignService>();
        var checklist = (await service.ChecklistsAsync()).First();
        return await service.CreateAsync(new CampaignSpec(name, checklist.Id, CampaignScope.All, null, [], app.Clock.Today(), app.Clock.Today().AddDays(20)));
    }

    [Fact]
    public async Task WithdrawAHazardCampaignOnlyByItsBureauSoSchoolsStopAnsweringIt()
    {
        var campaign = await LaunchHazardCampaignAsync("qs.safety", "误发专项检查" + Guid.NewGuid().ToString("N")[..4]);
        var cityCampaign = await LaunchHazardCampaignAsync("city.safety", "市级专项检查" + Guid.NewGuid().ToString("N")[..4]);
        var director = await app.LoginAsync("qs1z.director");
        Assert.Contains(campaign.Name, await director.GetStringAsync("/"), StringComparison.Ordinal);

        // Not the issuer: the city (holds it, did not issue it), another county, the county for the city's campaign.
        await using (var scope = await app.ScopeAsAsync("city.safety"))
        {
            var refused = await Assert.ThrowsAsync<DomainException>(() => scope.ServiceProvider.GetRequiredService<CampaignService>().WithdrawAsync(campaign.Id, "误发", true));
            Assert.Equal("只有发起该活动的教育局可以撤回。", refused.LocalizedMessage());
        }

        await using (var scope = await app.ScopeAsAsync("yx.safety"))
        {
            await Assert.ThrowsAsync<HazardNotFoundException>(() => scope.ServiceProvider.GetRequiredService<CampaignService>().WithdrawAsync(campaign.Id, "误发", true));
        }

        await using (var scope = await app.ScopeAsAsync("qs.safety"))
        {
            await Assert.ThrowsAsync<HazardNotFoundException>(() => scope.ServiceProvider.GetRequiredService<CampaignService>().WithdrawAsync(cityCampaign.Id, "误发", true));
        }

        var officer = await app.LoginAsync("qs.safety");
        var unconfirmed = await officer.PostFormAsync($"/hazards/campaigns/{campaign.Id}", "withdraw", new() { ["Reason"] = "范围错了" });
        Assert.Contains("请勾选确认后再撤回。", Forms.ErrorText(await unconfirmed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var response = await officer.PostFormAsync($"/hazards/campaigns/{campaign.Id}", "withdraw", new() { ["Reason"] = "范围错了", ["Confirm"] = "true" });
        Assert.Equal($"/hazards/campaigns/{campaign.Id}?withdrawn=true", Html.RedirectPath(response));
        var page = await officer.GetStringAsync(Html.RedirectPath(response));
        Assert.Contains("专项检查已撤回。", page, StringComparison.Ordinal);
        Assert.Contains("范围错了", page, StringComparison.Ordinal);
        Assert.Contains("已撤回", await officer.GetStringAsync("/hazards/campaigns"), StringComparison.Ordinal);

        Assert.DoesNotContain(campaign.Name, await director.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Contains(cityCampaign.Name, await director.GetStringAsync("/"), StringComparison.Ordinal);
        var schoolPage = await director.GetAsync($"/hazards/campaigns/{campaign.Id}");
        Assert.Equal(HttpStatusCode.OK, schoolPage.StatusCode);
        var schoolHtml = await schoolPage.Content.ReadAsStringAsync();
        Assert.Contains("该专项检查已由教育局撤回，无需再填报。", schoolHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"submit-campaign\"", schoolHtml, StringComparison.Ordinal);
        await using (var scope = await app.ScopeAsAsync("qs1z.director"))
        {
            var refused = await Assert.ThrowsAsync<DomainException>(() => scope.ServiceProvider.GetRequiredService<SelfCheckService>().SubmitCampaignAsync(campaign.Id, []));
            Assert.Equal("该专项检查已由教育局撤回，无需再填报。", refused.LocalizedMessage());
        }

        var audit = await app.QueryAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.Entity == nameof(HazardCampaign) && a.EntityKey == campaign.Id.ToString() && a.Action == "update"));
        Assert.Equal("qs.safety", audit.UserName);
        Assert.Contains("范围错了", audit.After, StringComparison.Ordinal);
        Assert.Null(await app.QueryAsync(db => db.HazardCampaigns.Where(c => c.Id == cityCampaign.Id).Select(c => c.WithdrawnAt).SingleAsync()));
    }
}
