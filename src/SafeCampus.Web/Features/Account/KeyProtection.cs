using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace SafeCampus.Web.Features.Account;

/// <summary>
/// Encrypts the data-protection keys at rest with a certificate (docs/security.md): the keys sign the session
/// cookies and form tokens and encrypt the reprintable receipt tokens, so whoever copies the keys folder without the
/// certificate gets nothing. <c>DataProtection:CertificatePath</c> (PKCS#12) with <c>DataProtection:CertificatePassword</c>
/// encrypts new keys; <c>DataProtection:PreviousCertificatePaths</c> (separated by <c>;</c>, same password) still
/// decrypt keys written under earlier certificates, for rotation. Without a certificate the keys stay plain XML, as
/// ASP.NET Core's own warning at start-up says — fine for development, not for a bureau's server.
/// </summary>
public static class KeyProtection
{
    public static IDataProtectionBuilder ProtectKeysFromConfiguration(this IDataProtectionBuilder builder, IConfiguration configuration)
    {
        var path = configuration["DataProtection:CertificatePath"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return builder;
        }

        var password = configuration["DataProtection:CertificatePassword"];
        var current = Load(path, password);
        var all = (configuration["DataProtection:PreviousCertificatePaths"] ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => Load(p, password)).Prepend(current).ToArray();
        return builder.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate(all);
    }

    private static X509Certificate2 Load(string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"DataProtection: the certificate file {path} does not exist.");
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        return certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException($"DataProtection: the certificate {path} has no private key, so it cannot decrypt the keys.");
    }
}
