using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Features.Account;

namespace SafeCampus.Tests.Account;

/// <summary>With a certificate configured, the data-protection keys on disk are encrypted and useless without it.</summary>
public sealed class KeyProtectionShould(KeyProtectionShould.Fixture app) : IClassFixture<KeyProtectionShould.Fixture>
{
    public sealed class Fixture : DemoAppFactory
    {
        public string Folder { get; } = Path.Combine(Path.GetTempPath(), "safecampus-keys-" + Guid.NewGuid().ToString("N"));
        public string KeysPath => Path.Combine(Folder, "keys");
        public string CertificatePath => Path.Combine(Folder, "keys.pfx");
        public const string Password = "Cert#Pass2026";

        public Fixture()
        {
            Directory.CreateDirectory(Folder);
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=SafeCampus data protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
            File.WriteAllBytes(CertificatePath, certificate.Export(X509ContentType.Pfx, Password));
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("DataProtection:KeysPath", KeysPath);
            builder.UseSetting("DataProtection:CertificatePath", CertificatePath);
            builder.UseSetting("DataProtection:CertificatePassword", Password);
        }
    }

    [Fact]
    public async Task KeepTheKeysEncryptedSoThatACopyWithoutTheCertificateOpensNothing()
    {
        // A working sign-in: the cookie is protected and read back through the encrypted key ring.
        var client = await app.LoginAsync("qs1z.director");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        var protectedText = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("秘密");

        var files = Directory.GetFiles(app.KeysPath, "key-*.xml");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var xml = await File.ReadAllTextAsync(file);
            Assert.Contains("<encryptedSecret decryptorType=", xml, StringComparison.Ordinal);
            Assert.Contains("<X509Certificate>", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal); // the plain form of the secret
        }

        // Another instance with the same folder and certificate reads it; one without the certificate cannot.
        Assert.Equal("秘密", Provider(withCertificate: true).CreateProtector("test").Unprotect(protectedText));
        Assert.ThrowsAny<CryptographicException>(() => Provider(withCertificate: false).CreateProtector("test").Unprotect(protectedText));
    }

    private IDataProtectionProvider Provider(bool withCertificate)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(withCertificate
            ? new Dictionary<string, string?> { ["DataProtection:CertificatePath"] = app.CertificatePath, ["DataProtection:CertificatePassword"] = Fixture.Password }
            : []).Build();
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("SafeCampus").PersistKeysToFileSystem(new DirectoryInfo(app.KeysPath))
            .ProtectKeysFromConfiguration(configuration);
        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>();
    }
}
