using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using System.Security.Cryptography.X509Certificates;

namespace BookingPortal.Tests.Integration.Hosting;

/// <summary>The Data Protection key ring in the database is encrypted with the configured certificate.</summary>
public sealed class KeyRingProtectionTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("bookingportal-keyring").FullName;

    [Fact]
    public async Task With_a_certificate_the_stored_keys_are_encrypted_and_sign_in_still_works()
    {
        var pfx = Path.Combine(folder, "keyring.pfx");
        await File.WriteAllBytesAsync(pfx, SelfSignedPfx("Keyring#2026"));
        await using var factory = new SettingsPortalFactory(new() { ["DataProtection:Certificate:Path"] = pfx, ["DataProtection:Certificate:Password"] = "Keyring#2026" });

        using var customer = await factory.SignInAsync(DemoSeeder.CustomerEmail, DemoSeeder.CustomerPassword);
        (await customer.GetAsync("/my/appointments")).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);

        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var keys = await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
        keys.Should().NotBeEmpty().And.OnlyContain(xml => xml.Contains("EncryptedData") && !xml.Contains("<!-- Warning: the key below is in an unencrypted form. -->"));
    }

    [Fact]
    public async Task After_the_certificate_is_renewed_what_the_old_one_protected_is_read_only_where_it_is_listed_as_retired()
    {
        var (oldPfx, newPfx) = (Path.Combine(folder, "old.pfx"), Path.Combine(folder, "new.pfx"));
        await File.WriteAllBytesAsync(oldPfx, SelfSignedPfx("Old#2025"));
        await File.WriteAllBytesAsync(newPfx, SelfSignedPfx("New#2026"));
        await using var before = new SettingsPortalFactory(new() { ["DataProtection:Certificate:Path"] = oldPfx, ["DataProtection:Certificate:Password"] = "Old#2025" });
        var cookie = Protector(before).Protect("a sign-in ticket");
        var renewed = new Dictionary<string, string> { ["DataProtection:Certificate:Path"] = newPfx, ["DataProtection:Certificate:Password"] = "New#2026" };
        await using var withoutTheOld = new SettingsPortalFactory(renewed) { SharesDatabaseOf = before };
        await using var withTheOldRetired = new SettingsPortalFactory(new(renewed)
        {
            ["DataProtection:RetiredCertificates:0:Path"] = oldPfx,
            ["DataProtection:RetiredCertificates:0:Password"] = "Old#2025",
        }) { SharesDatabaseOf = before };

        Protector(withTheOldRetired).Unprotect(cookie).Should().Be("a sign-in ticket");
        var unread = () => Protector(withoutTheOld).Unprotect(cookie);
        unread.Should().Throw<CryptographicException>("its key is encrypted with a certificate this instance does not have");

        static IDataProtector Protector(PortalFactory portal) =>
            portal.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("KeyRingProtectionTests");
    }

    [Fact]
    public async Task A_retired_certificate_entry_without_a_file_or_thumbprint_stops_start_up_naming_it()
    {
        var pfx = Path.Combine(folder, "keyring.pfx");
        await File.WriteAllBytesAsync(pfx, SelfSignedPfx("Keyring#2026"));
        await using var factory = new SettingsPortalFactory(new()
        {
            ["DataProtection:Certificate:Path"] = pfx,
            ["DataProtection:Certificate:Password"] = "Keyring#2026",
            ["DataProtection:RetiredCertificates:0:Password"] = "forgot the path",
        });

        var start = () => factory.Services;

        start.Should().Throw<InvalidOperationException>().WithMessage("*'DataProtection:RetiredCertificates:0' needs a Path*");
    }

    [Fact]
    public async Task Production_without_a_certificate_warns_at_start_up()
    {
        await using var factory = new SettingsPortalFactory(new() { ["Demo:Seed"] = "false" }, "Production");

        _ = factory.Services;

        factory.Log.Entries.Should().Contain(e => e.Message.Contains("key ring is stored unencrypted") && e.Message.Contains("DataProtection:Certificate"));
    }

    [Theory]
    [InlineData("DataProtection:Certificate:Path", "/no/such/file.pfx", "'DataProtection:Certificate:Path'")]
    [InlineData("DataProtection:Certificate:Thumbprint", "0000000000000000000000000000000000000000", "'DataProtection:Certificate:Thumbprint'")]
    public async Task A_certificate_that_cannot_be_found_stops_start_up_naming_the_key(string key, string value, string named)
    {
        await using var factory = new SettingsPortalFactory(new() { [key] = value });

        var start = () => factory.Services;

        start.Should().Throw<InvalidOperationException>().WithMessage($"*{named}*");
    }

    private static byte[] SelfSignedPfx(string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=BookingPortal key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        return certificate.Export(X509ContentType.Pfx, password);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private sealed class SettingsPortalFactory(Dictionary<string, string> settings, string? environment = null) : PortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() => settings;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (environment is not null)
            {
                builder.UseEnvironment(environment);
            }
        }
    }
}
