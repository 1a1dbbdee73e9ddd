using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace NetworkPlatform.Web.Infrastructure.Security;

/// <summary>
/// Encrypts the Data Protection key ring at rest with a certificate from configuration (README, Configuration):
/// whoever reads the database (a backup, a replica) then still cannot forge login cookies or mail links without the
/// certificate's private key. Unencrypted is fine in Development and tests; Production warns at start-up.
/// </summary>
public static class KeyRingProtection
{
    public const string PathSetting = "DataProtection:Certificate:Path";
    public const string PasswordSetting = "DataProtection:Certificate:Password";

    public static IDataProtectionBuilder ProtectKeysWithConfiguredCertificate(this IDataProtectionBuilder builder,
        IConfiguration config, IHostEnvironment environment)
    {
        var certificate = Load(config, environment);
        builder.Services.AddHostedService(sp =>
            new KeyRingProtectionLog(certificate, environment, sp.GetRequiredService<ILogger<KeyRingProtectionLog>>()));
        // Encrypts new keys with the certificate and decrypts stored ones with it (it is added as a decryption
        // certificate too, so it need not be in the machine's certificate store).
        return certificate is null ? builder : builder.ProtectKeysWithCertificate(certificate);
    }

    private static X509Certificate2? Load(IConfiguration config, IHostEnvironment environment)
    {
        var path = config[PathSetting];
        if (string.IsNullOrWhiteSpace(path))
            return null;
        path = Path.GetFullPath(path, environment.ContentRootPath);
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, config[PasswordSetting]);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            // Better no start than a key ring that silently goes unencrypted, or that nothing can read.
            throw new InvalidOperationException(
                $"{PathSetting}: {path} could not be read as a PFX (PKCS#12) file with {PasswordSetting}: {e.Message}", e);
        }
        if (certificate.GetRSAPrivateKey() is null)
            throw new InvalidOperationException($"{PathSetting}: {path} holds no RSA private key; see README, Configuration.");
        return certificate;
    }
}

/// <summary>Says once at start-up whether the key ring is encrypted, so that an operator sees it in the log.</summary>
public sealed class KeyRingProtectionLog(X509Certificate2? certificate, IHostEnvironment environment,
    ILogger<KeyRingProtectionLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (certificate is not null)
            logger.LogInformation("Data Protection: keys are encrypted with the certificate {Subject} ({Thumbprint})",
                certificate.Subject, certificate.Thumbprint);
        else if (environment.IsProduction())
            logger.LogWarning(
                "Data Protection: the key ring (login cookies, links in mails) is stored in PostgreSQL UNENCRYPTED: " +
                "anyone who can read the database or a backup can forge them. Set {PathSetting} and {PasswordSetting} " +
                "to a PFX certificate (README, Configuration)", KeyRingProtection.PathSetting, KeyRingProtection.PasswordSetting);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
