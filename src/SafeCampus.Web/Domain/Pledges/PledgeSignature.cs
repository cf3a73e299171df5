using System.Security.Cryptography;
using System.Text;

namespace SafeCampus.Web.Domain;

/// <summary>
/// One required signature (签署) of a principal or a staff member. Pending until signed; once signed, the evidence —
/// who, in which role and school, when, from where, and the exact text with its SHA-256 — never changes.
/// </summary>
public sealed class PledgeSignature : ITenantOwned, IAuditable
{
    public const int MaxDrawing = 200_000;

    private PledgeSignature() { }

    public Guid Id { get; private set; }
    public Guid CampaignId { get; private set; }
    public Guid SchoolId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public PledgeLayer Layer { get; private set; }
    public StaffPost Post { get; private set; }
    public string UserId { get; private set; } = "";
    public Guid VersionId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SignedAt { get; private set; }
    public string? SignerName { get; private set; }
    public string? SignerRole { get; private set; }
    public string? SchoolName { get; private set; }
    public string? SignedText { get; private set; }
    public string? TextSha256 { get; private set; }
    public string? VerificationCode { get; private set; }
    public string? Ip { get; private set; }
    public string? UserAgent { get; private set; }

    /// <summary>The drawn signature as an SVG path list ("M x y L x y …"), when the signer drew one.</summary>
    public string? Drawing { get; private set; }

    public bool IsSigned => SignedAt is not null;

    public static PledgeSignature Require(PledgeCampaign campaign, School school, AppUser user, PledgeLayer layer, StaffPost post, Guid versionId, DateTimeOffset now)
    {
        if (user.SchoolId != school.Id || layer == PledgeLayer.Parent || !Enum.IsDefined(post))
        {
            throw new DomainException("Pledges.SignerInvalid");
        }

        return new PledgeSignature
        {
            Id = Guid.CreateVersion7(), CampaignId = campaign.Id, SchoolId = school.Id, ScopePath = school.ScopePath, Layer = layer, Post = post,
            UserId = user.Id, VersionId = versionId, CreatedAt = now,
        };
    }

    public void Sign(SignatureEvidence e, DateTimeOffset now)
    {
        if (IsSigned)
        {
            throw new DomainException("Pledges.AlreadySigned");
        }

        if (!e.Confirmed)
        {
            throw new DomainException("Pledges.NotConfirmed");
        }

        if (!SameName(e.TypedName, e.AccountName))
        {
            throw new DomainException("Pledges.NameMismatch");
        }

        if (e.Drawing is { Length: > MaxDrawing })
        {
            throw new DomainException("Pledges.DrawingTooLarge");
        }

        SignedAt = now;
        SignerName = e.AccountName.Trim();
        SignerRole = e.RoleName;
        SchoolName = e.SchoolName;
        SignedText = e.Text;
        TextSha256 = Sha256Hex(e.Text);
        VerificationCode = NewVerificationCode();
        Ip = e.Ip is { Length: > 64 } ip ? ip[..64] : e.Ip;
        UserAgent = e.UserAgent is { Length: > 300 } ua ? ua[..300] : e.UserAgent;
        Drawing = string.IsNullOrWhiteSpace(e.Drawing) ? null : e.Drawing;
    }

    /// <summary>Names compare without spaces (全角 or 半角) and middle dots written differently.</summary>
    public static bool SameName(string? typed, string? account) =>
        !string.IsNullOrWhiteSpace(typed) && !string.IsNullOrWhiteSpace(account) && Squash(typed) == Squash(account);

    private static string Squash(string s) =>
        new(s.Where(c => !char.IsWhiteSpace(c)).Select(c => c is '·' or '•' or '．' ? '·' : c).ToArray());

    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>12 characters from an alphabet without look-alikes (0/O, 1/I): 60 bits, printed as XXXX-XXXX-XXXX.</summary>
    public static string NewVerificationCode()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        Span<char> chars = stackalloc char[12];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return new string(chars);
    }
}

public sealed record SignatureEvidence(
    string TypedName, string AccountName, bool Confirmed, string RoleName, string SchoolName, string Text, string? Ip, string? UserAgent, string? Drawing);
