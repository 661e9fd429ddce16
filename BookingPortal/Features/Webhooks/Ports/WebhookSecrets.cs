using Microsoft.AspNetCore.DataProtection;

namespace BookingPortal.Features.Webhooks.Ports;

/// <summary>
/// Webhook signing secrets are stored encrypted with Data Protection, so a copy of the database
/// (a backup, a read-only replica) does not let anyone sign events as the portal; with
/// DataProtection:Certificate set, the keys that decrypt them are encrypted too. A secret stored
/// before this (no prefix) is read as it was written, so no row needs rewriting.
/// </summary>
[SingletonService]
public sealed class WebhookSecrets(IDataProtectionProvider dataProtection)
{
    private const string ProtectedPrefix = "dp1:";

    private readonly IDataProtector protector = dataProtection.CreateProtector("BookingPortal.Webhooks.SigningSecret");

    public string Protect(string secret) => ProtectedPrefix + protector.Protect(secret);

    public string Reveal(string stored) =>
        stored.StartsWith(ProtectedPrefix, StringComparison.Ordinal) ? protector.Unprotect(stored[ProtectedPrefix.Length..]) : stored;
}
