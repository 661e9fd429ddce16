using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace BookingPortal.Infrastructure.Hosting;

/// <summary>
/// Encrypts the Data Protection key ring (kept in the database, where anyone who reads a backup
/// could otherwise forge sign-in cookies) with a certificate from "DataProtection:Certificate":
/// a PFX file (Path and Password) or a certificate in the current user's store (Thumbprint).
/// Production without one starts, but says so in the log.
/// </summary>
public static class KeyRingProtection
{
    public const string SectionName = "DataProtection:Certificate";

    /// <summary>
    /// Certificates replaced by the current one, each as a PFX file or a thumbprint: keys written under them are
    /// still read. Without them a renewed certificate signed everyone out, and every webhook secret stored
    /// protected could no longer be read.
    /// </summary>
    public const string RetiredSectionName = "DataProtection:RetiredCertificates";

    public static WebApplicationBuilder AddKeyRingProtection(this WebApplicationBuilder builder)
    {
        var certificate = LoadCertificate(builder.Configuration.GetSection(SectionName));
        var retired = builder.Configuration.GetSection(RetiredSectionName).GetChildren()
            .Select(entry => LoadCertificate(entry) ?? throw new InvalidOperationException($"'{entry.Path}' needs a Path (and Password) or a Thumbprint."))
            .ToArray();
        if (certificate is not null)
        {
            builder.Services.AddDataProtection().ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(retired);
        }
        else if (retired.Length > 0)
        {
            throw new InvalidOperationException($"'{RetiredSectionName}' lists certificates the key ring was encrypted with before; set the one it is encrypted with now in '{SectionName}'.");
        }
        else if (builder.Environment.IsProduction())
        {
            builder.Services.AddHostedService<UnprotectedKeyRingWarning>();
        }

        return builder;
    }

    internal static X509Certificate2? LoadCertificate(IConfigurationSection section)
    {
        var path = section["Path"];
        var thumbprint = section["Thumbprint"];
        X509Certificate2? certificate;
        if (!string.IsNullOrWhiteSpace(path))
        {
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"'{section.Path}:Path' names '{path}', which does not exist.");
            }

            try
            {
                certificate = X509CertificateLoader.LoadPkcs12FromFile(path, section["Password"]);
            }
            catch (CryptographicException ex)
            {
                throw new InvalidOperationException($"'{section.Path}:Path' could not be opened with '{section.Path}:Password': {ex.Message}", ex);
            }
        }
        else if (!string.IsNullOrWhiteSpace(thumbprint))
        {
            using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
            store.Open(OpenFlags.ReadOnly);
            certificate = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false).FirstOrDefault()
                ?? throw new InvalidOperationException($"'{section.Path}:Thumbprint' {thumbprint} is not in the current user's certificate store.");
        }
        else
        {
            return null;
        }

        return certificate.HasPrivateKey ? certificate
            : throw new InvalidOperationException($"The certificate of '{section.Path}' has no private key, so the key ring could not be read back.");
    }

    private sealed class UnprotectedKeyRingWarning(ILogger<UnprotectedKeyRingWarning> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogWarning(
                "The Data Protection key ring is stored unencrypted in the database: whoever reads it (a backup, say) can forge sign-in cookies. Set '{Section}:Path' and ':Password' (or ':Thumbprint') to encrypt it.",
                SectionName);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
