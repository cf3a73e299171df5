using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Pledges;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Pledges;

/// <summary>Helpers for pledge tests on the demo city: launch as a bureau user, sign and import as a principal.</summary>
public static class PledgeKit
{
    public static async Task<Dictionary<PledgeKind, Guid>> CityTemplatesAsync(AppFactory app)
    {
        await using var scope = await app.ScopeAsAsync("city.admin");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return (await db.PledgeTemplates.OrderBy(t => t.CreatedAt).Select(t => new { t.Kind, t.Id }).ToListAsync()).GroupBy(t => t.Kind).ToDictionary(g => g.Key, g => g.First().Id);
    }

    public static async Task<Guid> LaunchAsync(AppFactory app, string bureauUser, IReadOnlyList<string>? schoolNames, bool staff = true, bool parents = true,
        bool principal = true, int daysToDeadline = 10, int[]? reminders = null)
    {
        var templates = await CityTemplatesAsync(app);
        await using var scope = await app.ScopeAsAsync(bureauUser);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        List<Guid>? ids = null;
        if (schoolNames is not null)
        {
            ids = await db.Schools.Where(s => schoolNames.Contains(s.Name)).Select(s => s.Id).ToListAsync();
        }

        var campaign = await scope.ServiceProvider.GetRequiredService<PledgeService>().LaunchAsync(new LaunchInput(
            "测试签订" + Guid.NewGuid().ToString("N")[..6], "2026—2027学年", principal ? templates[PledgeKind.BureauPrincipal] : null,
            staff ? templates[PledgeKind.PrincipalStaff] : null, parents ? templates[PledgeKind.ParentNotice] : null,
            app.Clock.Today().AddDays(daysToDeadline), reminders ?? [7, 3, 1], new CampaignAudience(ids)));
        return campaign.Id;
    }

    public static async Task<Guid> SignatureOfAsync(AppFactory app, Guid campaignId, string userName)
    {
        await using var scope = await app.ScopeAsAsync(userName);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userId = scope.ServiceProvider.GetRequiredService<TenantScope>().UserId;
        return await db.PledgeSignatures.Where(s => s.CampaignId == campaignId && s.UserId == userId).Select(s => s.Id).SingleAsync();
    }

    public static async Task SignAsync(AppFactory app, Guid campaignId, string userName, string? typedName = null)
    {
        var id = await SignatureOfAsync(app, campaignId, userName);
        await using var scope = await app.ScopeAsAsync(userName);
        var service = scope.ServiceProvider.GetRequiredService<PledgeService>();
        var view = (await service.SigningViewAsync(id))!;
        await service.SignAsync(id, new SignInput(typedName ?? view.SignerName, true, view.TextSha256, null, "127.0.0.1", "test"));
    }

    public static async Task<RosterResult> ImportAsync(AppFactory app, Guid campaignId, string principal, string csv)
    {
        await using var scope = await app.ScopeAsAsync(principal);
        return await scope.ServiceProvider.GetRequiredService<PledgeService>().ImportRosterAsync(campaignId, System.Text.Encoding.UTF8.GetBytes(csv));
    }

    /// <summary>The receipt links of a school in a campaign, by student name (tokens revealed as the QR sheet does).</summary>
    public static async Task<Dictionary<string, string>> TokensAsync(AppFactory app, Guid campaignId, string principal)
    {
        await using var scope = await app.ScopeAsAsync(principal);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var tokens = scope.ServiceProvider.GetRequiredService<ReceiptTokens>();
        return (await db.NoticeReceipts.Where(r => r.CampaignId == campaignId).Select(r => new { r.StudentName, r.TokenProtected }).ToListAsync())
            .ToDictionary(r => r.StudentName, r => tokens.Reveal(r.TokenProtected));
    }

    public static string Roster(string className, params string[] students) =>
        "班级,学生姓名,监护人姓名\n" + string.Concat(students.Select(s => $"{className},{s},{s[..1]}家长\n"));
}
