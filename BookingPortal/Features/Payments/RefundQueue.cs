namespace BookingPortal.Features.Payments;

/// <summary>
/// Writes what a booking is owed back as a pending refund, inside the caller's transaction, so the
/// change that owes the money and the promise to send it commit or roll back together. The
/// refund dispatcher sends it.
/// </summary>
[ScopedService]
public sealed class RefundQueue(TimeProvider time)
{
    /// <summary>
    /// Queues a refund of what was paid online and is not kept or already given back: charged,
    /// minus fees and forfeits retained, minus refunds recorded, minus refunds already queued
    /// (pending, being sent or given up on: money that already has a row of its own). Call it
    /// after the conditional update that owes the money and after adding the ledger entries that
    /// say what is kept; pending changes are saved first so they count.
    /// </summary>
    /// <returns>The queued refund, or null when nothing paid online is owed back.</returns>
    public async Task<RefundRequest?> QueueOwedAsync(BookingDbContext db, Guid bookingId, string reason, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        var booking = await db.Bookings.AsNoTracking().Where(b => b.Id == bookingId)
            .Select(b => new { b.PaymentReference, b.Currency }).SingleAsync(cancellationToken);
        if (booking.PaymentReference is not { } paymentReference)
        {
            return null;
        }

        var ledger = LedgerSummary.Of(await db.LedgerEntries.AsNoTracking().Where(e => e.BookingId == bookingId).ToListAsync(cancellationToken));
        var queued = await db.RefundRequests.AsNoTracking().Where(r => r.BookingId == bookingId)
            .Select(r => new { r.Status, r.Amount }).ToListAsync(cancellationToken);
        var owed = ledger.Paid - ledger.Retained - queued.Where(r => !RefundRequest.IsRefunded(r.Status)).Sum(r => r.Amount);
        if (owed <= 0)
        {
            return null;
        }

        var nowUtc = time.GetUtcNow().UtcDateTime;
        var refund = new RefundRequest
        {
            BookingId = bookingId,
            Amount = owed,
            Currency = booking.Currency,
            PaymentReference = paymentReference,
            Reason = reason,
            IdempotencyKey = RefundRequest.KeyFor(bookingId, queued.Count + 1),
            Status = RefundStatus.Pending,
            CreatedAtUtc = nowUtc,
            NextAttemptAtUtc = nowUtc,
        };
        db.RefundRequests.Add(refund);
        return refund;
    }
}
