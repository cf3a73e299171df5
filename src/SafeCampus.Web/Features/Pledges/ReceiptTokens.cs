using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace SafeCampus.Web.Features.Pledges;

/// <summary>A new receipt link's token, the hash stored for lookup, and the token encrypted for reprinting.</summary>
public sealed record IssuedToken(string Token, byte[] Hash, string Protected);

/// <summary>
/// Receipt link tokens: 128 random bits (22 URL-safe characters), so guessing one is hopeless; the database keeps
/// their SHA-256 (looked up through a unique index) and the token encrypted with the app's data-protection keys,
/// so the school can print the QR sheet again. The form's "opened at" stamp is protected, too, so a script cannot
/// claim it read the notice for a minute.
/// </summary>
public sealed class ReceiptTokens(IDataProtectionProvider provider)
{
    public const int TokenLength = 22;

    private readonly IDataProtector _tokens = provider.CreateProtector("SafeCampus.Pledges.ReceiptToken");
    private readonly IDataProtector _stamps = provider.CreateProtector("SafeCampus.Pledges.ReceiptOpened");

    public IssuedToken New()
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
        return new IssuedToken(token, Hash(token), _tokens.Protect(token));
    }

    public string Reveal(string protectedToken) => _tokens.Unprotect(protectedToken);

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.ASCII.GetBytes(token));

    /// <summary>Well-formed: exactly 22 characters of the URL-safe Base64 alphabet. Anything else is not looked up.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: TokenLength } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public string Stamp(string token, DateTimeOffset openedAt) => _stamps.Protect($"{token}|{openedAt.ToUnixTimeMilliseconds()}");

    /// <summary>When the form for this token was opened, or null when the stamp is missing, forged or for another token.</summary>
    public DateTimeOffset? OpenedAt(string token, string? stamp)
    {
        if (string.IsNullOrEmpty(stamp) || stamp.Length > 400)
        {
            return null;
        }

        try
        {
            var value = _stamps.Unprotect(stamp);
            var bar = value.IndexOf('|', StringComparison.Ordinal);
            return bar > 0 && value[..bar] == token && long.TryParse(value[(bar + 1)..], out var ms)
                ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
