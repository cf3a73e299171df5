using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Features.Pledges;

/// <summary>
/// SignedCount of required signatures and acknowledged of issued receipts, with flagged receipts beside them. Signing
/// rate = signed ÷ required (principals and staff); delivery rate = acknowledged ÷ issued (parents).
/// </summary>
public sealed record RateFigures(int Required, int SignedCount, int Issued, int Acknowledged, int Flagged)
{
    public static readonly RateFigures Zero = new(0, 0, 0, 0, 0);

    public RateFigures Add(RateFigures o) => new(Required + o.Required, SignedCount + o.SignedCount, Issued + o.Issued, Acknowledged + o.Acknowledged, Flagged + o.Flagged);

    public string SigningRate => PledgeWords.Rate(SignedCount, Required);

    public string DeliveryRate => PledgeWords.Rate(Acknowledged, Issued);

    public bool Complete => SignedCount == Required && Acknowledged == Issued;
}

public sealed record RateRow(Guid Id, string Name, RateFigures Figures, string? Extra = null);

public sealed record ClassRate(string ClassName, int Issued, int Acknowledged, int Flagged);

public sealed record PendingSigner(Guid SignatureId, string Name, string SchoolName, PledgeLayer Layer, StaffPost Post, DateTimeOffset? SignedAt, string? VerificationCode);

public sealed record PendingReceipt(Guid Id, string ClassName, string StudentName, string? GuardianName, DateTimeOffset? AcknowledgedAt, string? AckName,
    string? AckRelationship, ReceiptFlags Flags);

/// <summary>
/// Rates at every level. Counts are aggregated in SQL per school (within the caller's scope, through the tenant
/// filter) and rolled up school → county → city in memory; classes are aggregated in SQL per class.
/// </summary>
public sealed class PledgeRates(AppDbContext db)
{
    public async Task<Dictionary<Guid, RateFigures>> BySchoolAsync(Guid campaignId, Guid? countyId, CancellationToken ct = default)
    {
        var signatures = await db.PledgeSignatures.Where(s => s.CampaignId == campaignId)
            .Where(s => countyId == null || db.Schools.Any(x => x.Id == s.SchoolId && x.BureauId == countyId))
            .GroupBy(s => s.SchoolId)
            .Select(g => new { SchoolId = g.Key, Required = g.Count(), SignedCount = g.Count(s => s.SignedAt != null) })
            .ToListAsync(ct);
        var receipts = await db.NoticeReceipts.Where(r => r.CampaignId == campaignId)
            .Where(r => countyId == null || db.Schools.Any(x => x.Id == r.SchoolId && x.BureauId == countyId))
            .GroupBy(r => r.SchoolId)
            .Select(g => new
            {
                SchoolId = g.Key, Issued = g.Count(), Acknowledged = g.Count(r => r.AcknowledgedAt != null),
                Flagged = g.Count(r => r.Flags != ReceiptFlags.None),
            })
            .ToListAsync(ct);
        var schools = await db.PledgeCampaignSchools.Where(e => e.CampaignId == campaignId)
            .Where(e => countyId == null || db.Schools.Any(x => x.Id == e.SchoolId && x.BureauId == countyId))
            .Select(e => e.SchoolId).ToListAsync(ct);
        var result = schools.ToDictionary(id => id, _ => RateFigures.Zero);
        foreach (var s in signatures)
        {
            result[s.SchoolId] = result.GetValueOrDefault(s.SchoolId, RateFigures.Zero).Add(new RateFigures(s.Required, s.SignedCount, 0, 0, 0));
        }

        foreach (var r in receipts)
        {
            result[r.SchoolId] = result.GetValueOrDefault(r.SchoolId, RateFigures.Zero).Add(new RateFigures(0, 0, r.Issued, r.Acknowledged, r.Flagged));
        }

        return result;
    }

    /// <summary>One row per school, or per county when <paramref name="byCounty"/>; plus the total.</summary>
    public async Task<(IReadOnlyList<RateRow> Rows, RateFigures Total)> RowsAsync(Guid campaignId, bool byCounty, Guid? countyId, CancellationToken ct = default)
    {
        var bySchool = await BySchoolAsync(campaignId, countyId, ct);
        var ids = bySchool.Keys.ToList();
        var schools = await db.Schools.Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Name, s.BureauId }).ToListAsync(ct);
        var total = bySchool.Values.Aggregate(RateFigures.Zero, (a, b) => a.Add(b));
        if (!byCounty)
        {
            return (schools.Select(s => new RateRow(s.Id, s.Name, bySchool[s.Id])).OrderBy(r => Progress(r.Figures)).ThenBy(r => r.Name, StringComparer.Ordinal).ToList(), total);
        }

        var countyIds = schools.Select(s => s.BureauId).Distinct().ToList();
        var counties = await db.Bureaus.Where(b => countyIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Name, ct);
        var rows = schools.GroupBy(s => s.BureauId)
            .Select(g => new RateRow(g.Key, counties.GetValueOrDefault(g.Key, ""), g.Aggregate(RateFigures.Zero, (a, s) => a.Add(bySchool[s.Id])),
                g.Count().ToString(System.Globalization.CultureInfo.CurrentCulture)))
            .OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        return (rows, total);
    }

    public async Task<IReadOnlyList<ClassRate>> ByClassAsync(Guid campaignId, Guid schoolId, CancellationToken ct = default) =>
        await db.NoticeReceipts.Where(r => r.CampaignId == campaignId && r.SchoolId == schoolId)
            .GroupBy(r => r.ClassName)
            .OrderBy(g => g.Key)
            .Select(g => new ClassRate(g.Key, g.Count(), g.Count(r => r.AcknowledgedAt != null), g.Count(r => r.Flags != ReceiptFlags.None)))
            .ToListAsync(ct);

    public async Task<IReadOnlyList<PendingSigner>> SignersAsync(Guid campaignId, Guid schoolId, bool pendingOnly, CancellationToken ct = default) =>
        await db.PledgeSignatures.Where(s => s.CampaignId == campaignId && s.SchoolId == schoolId && (!pendingOnly || s.SignedAt == null))
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { s, u.FullName })
            .OrderBy(x => x.s.Layer).ThenBy(x => x.s.Post).ThenBy(x => x.FullName)
            .Select(x => new PendingSigner(x.s.Id, x.FullName, "", x.s.Layer, x.s.Post, x.s.SignedAt, x.s.VerificationCode))
            .ToListAsync(ct);

    public async Task<IReadOnlyList<PendingReceipt>> ReceiptsAsync(Guid campaignId, Guid schoolId, string? className, bool pendingOnly, bool flaggedOnly, CancellationToken ct = default) =>
        await db.NoticeReceipts.Where(r => r.CampaignId == campaignId && r.SchoolId == schoolId)
            .Where(r => className == null || r.ClassName == className)
            .Where(r => !pendingOnly || r.AcknowledgedAt == null)
            .Where(r => !flaggedOnly || r.Flags != ReceiptFlags.None)
            .OrderBy(r => r.ClassName).ThenBy(r => r.StudentName)
            .Take(2000)
            .Select(r => new PendingReceipt(r.Id, r.ClassName, r.StudentName, r.GuardianName, r.AcknowledgedAt, r.AckName, r.AckRelationship, r.Flags))
            .ToListAsync(ct);

    private static decimal Progress(RateFigures f) =>
        f.Required + f.Issued == 0 ? 2 : (decimal)(f.SignedCount + f.Acknowledged) / (f.Required + f.Issued);
}
