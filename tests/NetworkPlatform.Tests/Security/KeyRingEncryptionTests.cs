using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Security;

/// <summary>
/// Issue 15, "The Data Protection key ring is stored unencrypted": with DataProtection:Certificate:Path and
/// :Password set, the keys in the database are encrypted with the certificate, and another instance with the same
/// certificate reads them (a login cookie made by one works on the other).
/// </summary>
public class KeyRingEncryptionTests(KeyRingEncryptionTests.CertificateApp app) : IClassFixture<KeyRingEncryptionTests.CertificateApp>
{
    /// <summary>The app with a fresh self-signed certificate as a PFX file, like one an operator makes with openssl.</summary>
    public class CertificateApp : AppFactory, IAsyncLifetime
    {
        public const string Password = "pfx password for the tests";
        public string CertificatePath { get; } = Path.Combine(Path.GetTempPath(), $"np-keyring-{Guid.NewGuid():N}.pfx");

        /// <summary>Set for a second instance on the first one's database.</summary>
        public string? SharedDatabase { get; init; }

        protected override IDictionary<string, string?> ExtraSettings
        {
            get
            {
                var settings = new Dictionary<string, string?>
                {
                    ["DataProtection:Certificate:Path"] = CertificatePath,
                    ["DataProtection:Certificate:Password"] = Password,
                };
                if (SharedDatabase is not null)
                    settings["ConnectionStrings:Default"] = SharedDatabase;
                return settings;
            }
        }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            WriteCertificate(CertificatePath);
        }

        public new async Task DisposeAsync()
        {
            await base.DisposeAsync();
            File.Delete(CertificatePath);
        }

        private static void WriteCertificate(string path)
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=NetworkPlatform key ring (test)", rsa, HashAlgorithmName.SHA256,
                RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        }
    }

    [Fact]
    public async Task The_Data_Protection_key_ring_is_stored_encrypted_with_the_configured_certificate()
    {
        var email = TestData.UniqueEmail("keyring");
        await app.CreateMemberAsync(email);
        var client = app.NewClient(followRedirects: false);
        var login = await client.LoginAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, login.Status);
        var cookie = login.Response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("np.auth=", StringComparison.Ordinal));

        var keys = await app.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.NotNull(k));
        foreach (var xml in keys)
        {
            var names = XElement.Parse(xml!).DescendantsAndSelf().Select(e => e.Name.LocalName).ToList();
            Assert.Contains("encryptedSecret", names);
            Assert.DoesNotContain("masterKey", names);
        }

        // A second instance with the same certificate and database, which has only the stored (encrypted) keys.
        await using var other = new CertificateApp { SharedDatabase = app.ConnectionString };
        File.Copy(app.CertificatePath, other.CertificatePath, overwrite: true);
        try
        {
            var elsewhere = other.NewClient(followRedirects: false);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/settings");
            request.Headers.Add("Cookie", cookie.Split(';')[0]);
            var response = await elsewhere.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(email, await response.Content.ReadAsStringAsync());
        }
        finally
        {
            File.Delete(other.CertificatePath);
        }
    }
}
