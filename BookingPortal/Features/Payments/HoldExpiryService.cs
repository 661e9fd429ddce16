using BookingPortal.Data;
using BookingPortal.Domain;
using BookingPortal.Features.Cancellation;
using BookingPortal.Features.Catalog;
using BookingPortal.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace BookingPortal.Features.Payments;

/// <summary>
/// Releases the seats of bookings whose payment hold ran out. Each hold is expired by a
/// conditional update (only while still PendingPayment), so a second sweep running at the same
/// moment, on this instance or another, cannot release the same seat twice.
/// </summary>
public sealed class HoldExpiryService(
    IDbContextFactory<BookingDbContext> dbFactory,
    SlotChangeNotifier slotChanges,
    SeatReleaser seats,
    NotificationOutbox outbox,
    TimeProvider time,
    ILogger<HoldExpiryService> logger)
{
    private const int BatchSize = 200;

    /// <returns>How many holds this call expired.</returns>
    public async Task<int> ExpireDueHoldsAsync(CancellationToken cancellationToken = default)
    {
        var nowUtc = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var due = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.PendingPayment && b.ExpiresAtUtc != null && b.ExpiresAtUtc <= nowUtc)
            .OrderBy(b => b.ExpiresAtUtc)
            .Select(b => new { b.Id, b.SlotInventoryId, b.ServiceId, b.Currency })
            .Take(BatchSize)
            .ToListAsync(cancellationToken);

        var expired = 0;
        foreach (var hold in due)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var changed = await db.Bookings
                .Where(b => b.Id == hold.Id && b.Status == BookingStatus.PendingPayment)
                .ExecuteUpdateAsync(b => b
                    .SetProperty(x => x.Status, BookingStatus.Cancelled)
                    .SetProperty(x => x.CancelledAtUtc, nowUtc)
                    .SetProperty(x => x.CancellationReason, "The payment hold expired."), cancellationToken);
            if (changed != 1)
            {
                continue;
            }

            await seats.ReleaseAsync(db, hold.SlotInventoryId, nowUtc, cancellationToken);
            var owed = LedgerSummary.Of(await db.LedgerEntries.Where(e => e.BookingId == hold.Id).ToListAsync(cancellationToken)).Owed;
            if (owed > 0)
            {
                db.LedgerEntries.Add(LedgerEntry.For(hold.Id, hold.Currency, LedgerEntryKind.DepositWaived, owed, nowUtc, "Payment hold expired."));
            }

            await outbox.QueueUnconfirmedCancellationAsync(db, hold.Id, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);

            await transaction.CommitAsync(cancellationToken);
            expired++;
            slotChanges.NotifyChanged(hold.ServiceId);
        }

        if (expired > 0)
        {
            logger.LogInformation("Expired {Count} payment holds.", expired);
        }

        return expired;
    }
}
