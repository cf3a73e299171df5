using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Drills;
using SafeCampus.Web.Features.Home;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Pledges;

public sealed record CampaignRow(Guid Id, string Title, string SchoolYear, DateOnly Deadline, int SchoolCount, bool HasPrincipal, bool HasStaff, bool HasParent,
    bool Own, RateFigures Figures, bool Withdrawn = false);

public sealed record TemplateRow(Guid Id, PledgeKind Kind, string Name, int LatestVersion, bool Own, Guid LatestVersionId);

public sealed record MySignatureRow(Guid Id, Guid CampaignId, string CampaignTitle, DateOnly Deadline, PledgeLayer Layer, StaffPost Post, DateTimeOffset? SignedAt, string? Code,
    bool Withdrawn = false);

public sealed record SchoolCampaignRow(Guid CampaignId, string Title, DateOnly Deadline, DateTimeOffset? PassedOnAt, RateFigures Figures, bool Withdrawn = false);

/// <summary>Read models of the pledge pages. Campaigns and templates above the caller are read by ancestor path.</summary>
public sealed class PledgeQueries(AppDbContext db, TenantScope scope, PledgeService pledges)
{
    public async Task<IReadOnlyList<TemplateRow>> TemplatesAsync(CancellationToken ct = default) =>
        await pledges.UsableTemplates().AsNoTracking().OrderBy(t => t.Kind).ThenBy(t => t.Name)
            .Select(t => new TemplateRow(t.Id, t.Kind, t.Name, t.LatestVersion, t.BureauId == scope.BureauId, t.LatestVersionId))
            .ToListAsync(ct);

    /// <summary>Campaigns launched by the caller's bureau, those above it and those below it, with their figures in the caller's scope.</summary>
    public async Task<IReadOnlyList<CampaignRow>> CampaignsAsync(CancellationToken ct = default)
    {
        if ((scope.Path ?? (scope.IsSystem ? "/" : null)) is not { } path)
        {
            return [];
        }

        var ancestors = DrillSettings.AncestorPaths(path);
        var campaigns = await db.PledgeCampaigns.AcrossTenants().AsNoTracking()
            .Where(c => ancestors.Contains(c.ScopePath) || c.ScopePath.StartsWith(path))
            .OrderByDescending(c => c.LaunchedAt).Take(100)
            .ToListAsync(ct);
        var ids = campaigns.Select(c => c.Id).ToList();
        var signatures = await db.PledgeSignatures.Where(s => ids.Contains(s.CampaignId)).GroupBy(s => s.CampaignId)
            .Select(g => new { g.Key, Required = g.Count(), SignedCount = g.Count(s => s.SignedAt != null) }).ToDictionaryAsync(g => g.Key, ct);
        var receipts = await db.NoticeReceipts.Where(r => ids.Contains(r.CampaignId)).GroupBy(r => r.CampaignId)
            .Select(g => new { g.Key, Issued = g.Count(), Ack = g.Count(r => r.AcknowledgedAt != null), Flagged = g.Count(r => r.Flags != ReceiptFlags.None) })
            .ToDictionaryAsync(g => g.Key, ct);
        var schools = await db.PledgeCampaignSchools.Where(s => ids.Contains(s.CampaignId)).GroupBy(s => s.CampaignId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return campaigns.Select(c =>
        {
            var s = signatures.GetValueOrDefault(c.Id);
            var r = receipts.GetValueOrDefault(c.Id);
            return new CampaignRow(c.Id, c.Title, c.SchoolYear, c.Deadline, schools.GetValueOrDefault(c.Id), c.PrincipalVersionId is not null,
                c.StaffVersionId is not null, c.ParentVersionId is not null, c.BureauId == scope.BureauId,
                new RateFigures(s?.Required ?? 0, s?.SignedCount ?? 0, r?.Issued ?? 0, r?.Ack ?? 0, r?.Flagged ?? 0), c.IsWithdrawn);
        }).ToList();
    }

    public async Task<IReadOnlyList<MySignatureRow>> MySignaturesAsync(CancellationToken ct = default)
    {
        var mine = await db.PledgeSignatures.AsNoTracking().Where(s => s.UserId == scope.UserId)
            .Select(s => new { s.Id, s.CampaignId, s.Layer, s.Post, s.SignedAt, s.VerificationCode }).ToListAsync(ct);
        var ids = mine.Select(s => s.CampaignId).Distinct().ToList();
        var campaigns = await db.PledgeCampaigns.AcrossTenants().AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Title, c.Deadline, Withdrawn = c.WithdrawnAt != null }).ToDictionaryAsync(c => c.Id, ct);
        return mine.Select(s => new MySignatureRow(s.Id, s.CampaignId, campaigns[s.CampaignId].Title, campaigns[s.CampaignId].Deadline, s.Layer, s.Post, s.SignedAt,
                s.VerificationCode, campaigns[s.CampaignId].Withdrawn))
            .OrderBy(s => s.SignedAt is not null).ThenBy(s => s.Deadline).ToList();
    }

    public async Task<IReadOnlyList<SchoolCampaignRow>> SchoolCampaignsAsync(Guid schoolId, CancellationToken ct = default)
    {
        var entries = await db.PledgeCampaignSchools.AsNoTracking().Where(e => e.SchoolId == schoolId)
            .Select(e => new { e.CampaignId, e.PassedOnAt }).ToListAsync(ct);
        var ids = entries.Select(e => e.CampaignId).ToList();
        var campaigns = await db.PledgeCampaigns.AcrossTenants().AsNoTracking().Where(c => ids.Contains(c.Id))
            .OrderByDescending(c => c.Deadline).Select(c => new { c.Id, c.Title, c.Deadline, Withdrawn = c.WithdrawnAt != null }).ToListAsync(ct);
        var signatures = await db.PledgeSignatures.Where(s => s.SchoolId == schoolId && ids.Contains(s.CampaignId)).GroupBy(s => s.CampaignId)
            .Select(g => new { g.Key, Required = g.Count(), SignedCount = g.Count(s => s.SignedAt != null) }).ToDictionaryAsync(g => g.Key, ct);
        var receipts = await db.NoticeReceipts.Where(r => r.SchoolId == schoolId && ids.Contains(r.CampaignId)).GroupBy(r => r.CampaignId)
            .Select(g => new { g.Key, Issued = g.Count(), Ack = g.Count(r => r.AcknowledgedAt != null), Flagged = g.Count(r => r.Flags != ReceiptFlags.None) })
            .ToDictionaryAsync(g => g.Key, ct);
        return campaigns.Select(c =>
        {
            var s = signatures.GetValueOrDefault(c.Id);
            var r = receipts.GetValueOrDefault(c.Id);
            return new SchoolCampaignRow(c.Id, c.Title, c.Deadline, entries.First(e => e.CampaignId == c.Id).PassedOnAt,
                new RateFigures(s?.Required ?? 0, s?.SignedCount ?? 0, r?.Issued ?? 0, r?.Ack ?? 0, r?.Flagged ?? 0), c.Withdrawn);
        }).ToList();
    }
}

/// <summary>To-dos: pledges waiting for the user's signature (待签责任书); for the principal, layers not yet passed on.</summary>
public sealed class PledgeTodos(PledgeQueries queries, TimeProvider clock) : ITodoProvider
{
    public async Task<IReadOnlyList<TodoItem>> GetAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (!user.IsInRole(Roles.Principal) && !user.IsInRole(Roles.SafetyDirector) && !user.IsInRole(Roles.SchoolStaff))
        {
            return [];
        }

        var today = clock.Today();
        return (await queries.MySignaturesAsync(ct))
            .Where(s => s.SignedAt is null && s.Deadline >= today && !s.Withdrawn)
            .Select(s => new TodoItem(string.Format(System.Globalization.CultureInfo.CurrentCulture, PledgesText.Todo_Sign, s.CampaignTitle),
                $"/pledges/sign/{s.Id}", s.Deadline, PledgesText.State_Pending, s.Deadline.DayNumber - today.DayNumber <= 3 ? "amber" : "blue"))
            .ToList();
    }
}

/// <summary>The bureau overview's pledge figure: signing and delivery of the open campaigns in the caller's scope.</summary>
public sealed class PledgeHeadlines(PledgeQueries queries, TimeProvider clock) : IHeadlineProvider
{
    public int Order => 40;

    public async Task<IReadOnlyList<Headline>> GetAsync(CancellationToken ct)
    {
        var today = clock.Today();
        var open = (await queries.CampaignsAsync(ct)).Where(c => c.Deadline >= today && !c.Withdrawn).ToList();
        var total = open.Aggregate(RateFigures.Zero, (a, c) => a.Add(c.Figures));
        var c = System.Globalization.CultureInfo.CurrentCulture;
        return
        [
            new(PledgesText.Headline_Signing, total.SigningRate, "/pledges/campaigns",
                string.Format(c, PledgesText.Headline_SigningDetail, PledgeWords.Counts(total.SignedCount, total.Required), total.DeliveryRate,
                    PledgeWords.Counts(total.Acknowledged, total.Issued), total.Flagged),
                total.Required + total.Issued == 0 ? "grey" : total.Complete ? "green" : "amber"),
        ];
    }
}
