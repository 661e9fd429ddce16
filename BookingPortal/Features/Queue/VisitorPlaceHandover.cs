using Microsoft.AspNetCore.DataProtection;

namespace BookingPortal.Features.Queue;

/// <summary>
/// Carries a visitor's place through the e-mail that confirms their new account. A phone's mail app opens the link in a
/// browser of its own, without the cookie that holds the place (<see cref="QueueVisitors"/>): the account signed in there
/// found no place, and the one waited for stayed in the first browser, passed over for good where confirmed addresses
/// are required. The link carries that browser's key sealed to the account (Data Protection, as the turn links: it cannot
/// be read, altered or used for another account), and confirming the address hands the place over, as signing in in the
/// waiting browser does. It keeps its number: admission then lets it in like any confirmed account's place.
/// </summary>
[ScopedService]
public sealed class VisitorPlaceHandover(IDataProtectionProvider dataProtection, IDbContextFactory<BookingDbContext> dbFactory, QueueService queue)
{
    private readonly IDataProtector protector = dataProtection.CreateProtector("BookingPortal.Queue.VisitorPlaceHandover.v1");

    /// <summary>The places this browser holds in line, sealed for the account <paramref name="userId"/>; null when it holds none.</summary>
    public async Task<string?> SealAsync(HttpContext? context, string userId, CancellationToken cancellationToken = default)
    {
        if (QueueVisitors.KeyOf(context) is not { } key)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var holdsPlace = await db.QueueEntries.AnyAsync(
            e => e.VisitorKey == key && e.CustomerId == null && (e.Status == QueueEntryStatus.Waiting || e.Status == QueueEntryStatus.Admitted), cancellationToken);
        return holdsPlace ? protector.Protect($"{userId}\n{key}") : null;
    }

    /// <summary>Hands the sealed places to <paramref name="userId"/>, whose address was just confirmed. A seal for another account, or altered, does nothing.</summary>
    /// <returns>How many places became the account's (see <see cref="QueueService.ClaimVisitorPlacesAsync"/>).</returns>
    public async Task<int> ClaimAsync(string? sealedPlaces, string userId, CancellationToken cancellationToken = default) =>
        Unseal(sealedPlaces, userId) is { } key ? await queue.ClaimVisitorPlacesAsync(key, userId, cancellationToken) : 0;

    private string? Unseal(string? sealedPlaces, string userId)
    {
        if (string.IsNullOrEmpty(sealedPlaces))
        {
            return null;
        }

        try
        {
            return protector.Unprotect(sealedPlaces).Split('\n') is [var owner, var key] && owner == userId ? key : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
