using SafeCampus.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Features.Pledges;

/// <summary>What a verification code shows: enough to check the document, no more.</summary>
public sealed record VerificationResult(
    string Code, string SignerName, string SignerRole, string SchoolName, DateTimeOffset SignedAt, string Title, int SignedVersion, int LatestVersion,
    string TextSha256, bool StoredTextIntact, bool? CurrentTemplateMatches, bool? PastedTextMatches, string SignedText);

/// <summary>
/// Checks a verification code printed on a signed pledge: the signature exists; the stored text still hashes to the
/// recorded SHA-256; whether the template has been edited since (a later version whose text differs from what was
/// signed); and, when given, whether a pasted text is exactly the signed one. Anonymous: the code is the key.
/// </summary>
public sealed class PledgeVerification(AppDbContext db)
{
    public static string Normalise(string? code) =>
        new((code ?? "").ToUpperInvariant().Where(c => char.IsAsciiLetterOrDigit(c)).Take(12).ToArray());

    public async Task<VerificationResult?> VerifyAsync(string? code, string? pastedText, CancellationToken ct = default)
    {
        var normalised = Normalise(code);
        if (normalised.Length != 12)
        {
            return null;
        }

        var s = await db.PledgeSignatures.AcrossTenants().AsNoTracking().SingleOrDefaultAsync(x => x.VerificationCode == normalised && x.SignedAt != null, ct);
        if (s is null)
        {
            return null;
        }

        var signed = await db.PledgeTemplateVersions.AcrossTenants().AsNoTracking().SingleAsync(v => v.Id == s.VersionId, ct);
        var latest = await db.PledgeTemplateVersions.AcrossTenants().AsNoTracking().Where(v => v.TemplateId == signed.TemplateId)
            .OrderByDescending(v => v.Number).FirstAsync(ct);
        var campaign = await db.PledgeCampaigns.AcrossTenants().AsNoTracking().SingleAsync(c => c.Id == s.CampaignId, ct);
        var bureau = await db.Bureaus.AcrossTenants().AsNoTracking().Where(b => b.Id == campaign.BureauId).Select(b => b.Name).SingleAsync(ct);
        bool? currentMatches = null;
        if (latest.Number != signed.Number)
        {
            var context = new PledgeContext(bureau, s.SchoolName!, campaign.SchoolYear, campaign.Deadline, s.SignerName, PledgeWords.Post(s.Post));
            var current = PledgeText.Render(latest.Title, context) + "\n\n" + PledgeText.Render(latest.Body, context);
            currentMatches = PledgeSignature.Sha256Hex(current) == s.TextSha256;
        }

        bool? pastedMatches = string.IsNullOrWhiteSpace(pastedText)
            ? null
            : PledgeSignature.Sha256Hex(pastedText.Replace("\r\n", "\n", StringComparison.Ordinal).Trim()) == s.TextSha256;
        return new VerificationResult(normalised, s.SignerName!, s.SignerRole!, s.SchoolName!, s.SignedAt!.Value, s.SignedText!.Split("\n\n", 2)[0], signed.Number, latest.Number,
            s.TextSha256!, PledgeSignature.Sha256Hex(s.SignedText!) == s.TextSha256, currentMatches, pastedMatches, s.SignedText!);
    }

    public static string Format(string code) => code.Length == 12 ? $"{code[..4]}-{code[4..8]}-{code[8..]}" : code;
}
