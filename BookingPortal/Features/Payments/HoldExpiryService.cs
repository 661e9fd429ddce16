using BookingPortal.Features.Bookings;
using BookingPortal.Features.Catalog;
using BookingPortal.Features.Notifications;

namespace BookingPortal.Features.Payments;

/// <summary>
/// Releases the seats of bookings whose payment hold ran out. Each hold is expired by a
/// conditional update (only while still PendingPayment), so a second sweep running at the same
/// moment, on this instance or another, cannot release the same seat twice.
/// </summary>
[ScopedService]
public sealed class HoldExpiryService(
    IDbContextFactory<BookingDbContext> dbFactory,
    SlotChangeNotifier slotChanges,
    BookingChangeNotifier bookingChanges,
    SeatReleaser seats,
    NotificationOutbox outbox,
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

        var expired = await DueBookingSweep.EndEachAsync(due, id => ExpireAsync(id, nowUtc, cancellationToken), slotChanges, bookingChanges);
        if (expired > 0)
        {
            logger.LogInformation("Expired {Count} payment holds.", expired);
        }

        return expired;
    }

    /// <summary>
    /// Expires one hold, conditional on it still being held on the slot read (a move in another tab
    /// between the read and the update makes it read again, so the seat released is the one it holds).
    /// </summary>
    /// <returns>True when this call expired it; false when it was paid, cancelled or expired by someone else.</returns>
    private async Task<bool> ExpireAsync(Guid bookingId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        for (var read = 1; read <= MaxReads; read++)
        {
            var outcome = await ConflictRetry.RunAsync(dbFactory, db => TryExpireAsync(db, bookingId, nowUtc, cancellationToken), logger, cancellationToken);
            if (outcome is { } done)
            {
                return done;
            }
        }

        logger.LogWarning("Hold {BookingId} changed on every read while expiring; the next sweep tries again.", bookingId);
        return false;
    }

    /// <returns>True when this call ended the hold; false when it is not (or no longer) due; null when it moved meanwhile (read again).</returns>
    private async Task<bool?> TryExpireAsync(BookingDbContext db, Guid bookingId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var hold = await db.Bookings.AsNoTracking()
            .Where(b => b.Id == bookingId && b.Status == BookingStatus.PendingPayment && b.ExpiresAtUtc <= nowUtc)
            .Select(b => new { b.SlotInventoryId, b.Currency })
            .FirstOrDefaultAsync(cancellationToken);
        if (hold is null)
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await seats.EndBookingAsync(db, bookingId, hold.SlotInventoryId, b => b.Status == BookingStatus.PendingPayment, b => b
                .SetProperty(x => x.Status, BookingStatus.Cancelled)
                .SetProperty(x => x.CancelledAtUtc, nowUtc)
                .SetProperty(x => x.CancellationReason, "The payment hold expired."), nowUtc, cancellationToken))
        {
            return null;
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
