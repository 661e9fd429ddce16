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
        // One statement, so one snapshot: the dispatcher, a provider's failure report or staff settling by hand move an
        // amount between the refund rows and the ledger without the booking's lock, and under PostgreSQL's read committed
        // two reads could see one of them half done (a refund counted neither as queued nor as refunded, or as both).
        var booking = await db.Bookings.AsNoTracking().Where(b => b.Id == bookingId)
            .Select(b => new
            {
                b.PaymentReference,
                b.Currency,
                Ledger = db.LedgerEntries.Where(e => e.BookingId == b.Id).ToList(),
                Queued = db.RefundRequests.Where(r => r.BookingId == b.Id).Select(r => new { r.Status, r.Amount }).ToList(),
            })
            .AsSingleQuery().SingleAsync(cancellationToken);
        if (booking.PaymentReference is not { } paymentReference)
        {
            return null;
        }

        var ledger = LedgerSummary.Of(booking.Ledger);
        var queued = booking.Queued;
        var owed = ledger.Paid - ledger.Retained - queued.Where(r => !RefundRequest.IsRefunded(r.Status)).Sum(r => r.Amount);
        if (owed <= 0)
        {
            return null;
        }

        var refund = NewRefund(bookingId, owed, booking.Currency, paymentReference, reason, queued.Count + 1);
        db.RefundRequests.Add(refund);
        return refund;
    }

    /// <summary>
    /// A second payment for a booking that records one already (two checkouts both paid, reachable when a checkout's
    /// answer was lost): none of it is kept, so it is recorded as charged and queued for refund in full, to the payment
    /// that made it. Call holding the booking's row (two deliveries of one payment then take turns).
    /// </summary>
    /// <returns>False when this payment is already recorded (a redelivered webhook): nothing is added.</returns>
    public async Task<bool> QueueSecondPaymentAsync(
        BookingDbContext db, Guid bookingId, string currency, string paymentReference, decimal amount, CancellationToken cancellationToken)
    {
        if (await db.RefundRequests.AnyAsync(r => r.BookingId == bookingId && r.PaymentReference == paymentReference, cancellationToken))
        {
            return false;
        }

        var sequence = await db.RefundRequests.CountAsync(r => r.BookingId == bookingId, cancellationToken) + 1;
        db.LedgerEntries.Add(LedgerEntry.For(bookingId, currency, LedgerEntryKind.DepositCharged, amount, time.GetUtcNow().UtcDateTime,
            $"Paid a second time online ({paymentReference}); refunded in full."));
        db.RefundRequests.Add(NewRefund(bookingId, amount, currency, paymentReference, "A second payment for a booking already paid.", sequence));
        return true;
    }

    private RefundRequest NewRefund(Guid bookingId, decimal amount, string currency, string paymentReference, string reason, int sequence)
    {
        var nowUtc = time.GetUtcNow().UtcDateTime;
        return new RefundRequest
        {
            BookingId = bookingId,
            Amount = amount,
            Currency = currency,
            PaymentReference = paymentReference,
            Reason = reason,
            IdempotencyKey = RefundRequest.KeyFor(bookingId, sequence),
            Status = RefundStatus.Pending,
            CreatedAtUtc = nowUtc,
            NextAttemptAtUtc = nowUtc,
        };
    }
}
