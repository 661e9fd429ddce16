using BookingPortal.Features.Bookings;
using BookingPortal.Features.Catalog;
using BookingPortal.Features.Notifications;
using BookingPortal.Features.Payments.Ports;

namespace BookingPortal.Features.Payments;

/// <summary>
/// Releases the seats of bookings whose payment hold ran out. Each hold is expired by a
/// conditional update (only while still PendingPayment with the checkout it was read with), so a
/// second sweep running at the same moment, on this instance or another, cannot release the same
/// seat twice, nor release one whose checkout a press of "Pay" started meanwhile. A hold whose
/// checkout the provider may still take payment for is released only once that checkout is closed
/// (<see cref="CheckoutSweep"/>).
/// </summary>
[ScopedService]
public sealed class HoldExpiryService(
    IDbContextFactory<BookingDbContext> dbFactory,
    SlotChangeNotifier slotChanges,
    BookingChangeNotifier bookingChanges,
    SeatReleaser seats,
    FreedTimeOffers freedTime,
    NotificationOutbox outbox,
    IPaymentGateway gateway,
    PaymentService payments,
    KeptHoldWarnings keptHolds,
    TimeProvider time,
    ILogger<HoldExpiryService> logger)
{
    private const int BatchSize = 200;

    /// <summary>How many times a hold that moved between the read and the update is read again.</summary>
    private const int MaxReads = 5;

    /// <returns>How many holds this call expired.</returns>
    public async Task<int> ExpireDueHoldsAsync(CancellationToken cancellationToken = default)
    {
        var nowUtc = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var due = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.PendingPayment && b.ExpiresAtUtc != null && b.ExpiresAtUtc <= nowUtc)
            .OrderBy(b => b.ExpiresAtUtc)
            .Select(b => new DueBooking(b.Id, b.ServiceId))
            .Take(BatchSize)
            .ToListAsync(cancellationToken);

        var checkouts = new CheckoutSweep(gateway, payments, keptHolds, logger);
        var expired = await DueBookingSweep.EndEachAsync(due, id => ExpireAsync(id, nowUtc, checkouts, cancellationToken), slotChanges, bookingChanges);
        if (expired > 0)
        {
            logger.LogInformation("Expired {Count} payment holds.", expired);
        }

        return expired;
    }

    /// <summary>
    /// Expires one hold, conditional on it still being held on the slot read with the checkout read (a move in another
    /// tab, or a checkout started, between the read and the update makes it read again).
    /// </summary>
    /// <returns>True when this call expired it; false when it was paid, cancelled or expired by someone else, or its checkout may still be paid.</returns>
    private async Task<bool> ExpireAsync(Guid bookingId, DateTime nowUtc, CheckoutSweep checkouts, CancellationToken cancellationToken)
    {
        for (var read = 1; read <= MaxReads; read++)
        {
            var hold = await ReadDueHoldAsync(bookingId, nowUtc, cancellationToken);
            // The provider is asked outside any transaction: no row stays locked while it answers.
            if (hold is null || !await checkouts.MayReleaseAsync(hold.Checkout, nowUtc, cancellationToken))
            {
                return false;
            }

            if (await ConflictRetry.RunAsync(dbFactory, db => TryExpireAsync(db, hold, nowUtc, cancellationToken), logger, cancellationToken))
            {
                await freedTime.OfferAsync(hold.PractitionerId, hold.RoomId, hold.StartUtc, hold.EndUtc);
                return true;
            }
        }

        logger.LogWarning("Hold {BookingId} changed on every read while expiring; the next sweep tries again.", bookingId);
        return false;
    }

    private sealed record DueHold(long SlotInventoryId, string Currency, HeldCheckout Checkout, int? PractitionerId, int? RoomId, DateTime StartUtc, DateTime EndUtc);

    private async Task<DueHold?> ReadDueHoldAsync(Guid bookingId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Bookings.AsNoTracking()
            .Where(b => b.Id == bookingId && b.Status == BookingStatus.PendingPayment && b.ExpiresAtUtc <= nowUtc)
            .Select(b => new DueHold(b.SlotInventoryId, b.Currency, new HeldCheckout(b.Id, b.CheckoutExpiresAtUtc, b.CheckoutSessionId), b.PractitionerId, b.RoomId, b.StartUtc, b.EndUtc))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <returns>True when this call ended the hold; false when it changed since it was read (read it again).</returns>
    private async Task<bool> TryExpireAsync(BookingDbContext db, DueHold hold, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var (bookingId, checkoutEnds, sessionId) = hold.Checkout;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await seats.EndBookingAsync(db, bookingId, hold.SlotInventoryId,
                b => b.Status == BookingStatus.PendingPayment && b.CheckoutExpiresAtUtc == checkoutEnds && b.CheckoutSessionId == sessionId, b => b
                .SetProperty(x => x.Status, BookingStatus.Cancelled)
                .SetProperty(x => x.CancelledAtUtc, nowUtc)
                .SetProperty(x => x.CancellationReason, "The payment hold expired."), nowUtc, cancellationToken))
        {
            return false;
        }

        var owed = LedgerSummary.Of(await db.LedgerEntries.Where(e => e.BookingId == bookingId).ToListAsync(cancellationToken)).Owed;
        if (owed > 0)
        {
            db.LedgerEntries.Add(LedgerEntry.For(bookingId, hold.Currency, LedgerEntryKind.DepositWaived, owed, nowUtc, "Payment hold expired."));
        }

        await outbox.QueueUnconfirmedCancellationAsync(db, bookingId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
