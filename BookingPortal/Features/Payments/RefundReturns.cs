using System.Linq.Expressions;

namespace BookingPortal.Features.Payments;

/// <summary>What became of a provider's report that an accepted refund failed.</summary>
public enum RefundReturnOutcome
{
    /// <summary>The refund is Failed now and the ledger owes the deposit again.</summary>
    Recorded,

    /// <summary>Reported before (a redelivery): nothing changed.</summary>
    AlreadyRecorded,

    /// <summary>
    /// No refund has that id yet, but one for the payment may still take it: one being sent (its first call timed
    /// out after the provider made it), or a failed one staff are recording as refunded in the provider's dashboard.
    /// The provider must deliver it again later.
    /// </summary>
    NotKnownYet,

    /// <summary>No refund of the portal's: nothing to do.</summary>
    NotOurs,
}

/// <summary>
/// Refunds the provider accepted and later reported failed: days afterwards a card can turn out closed, or the
/// bank can send the money back. That holds for the dispatcher's refunds and for those staff made in the provider's
/// dashboard and recorded by its refund id (RefundSettlement). Until then the portal counted the deposit as refunded;
/// from then on it is the customer's money again, owed by hand, and shown as such wherever a dispatcher's failed refund is.
/// </summary>
[ScopedService]
public sealed class RefundReturns(IDbContextFactory<BookingDbContext> dbFactory, TimeProvider time, ILogger<RefundReturns> logger)
{
    public Task<RefundReturnOutcome> RecordFailedAfterAcceptanceAsync(
        string providerRefundId, string paymentReference, string? failureReason, CancellationToken cancellationToken = default) =>
        ConflictRetry.RunAsync(dbFactory, db => RecordOnceAsync(db, providerRefundId, paymentReference, failureReason, cancellationToken), logger, cancellationToken);

    private async Task<RefundReturnOutcome> RecordOnceAsync(
        BookingDbContext db, string providerRefundId, string paymentReference, string? failureReason, CancellationToken cancellationToken)
    {
        var reason = string.IsNullOrWhiteSpace(failureReason) ? "no reason given" : failureReason;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // A list, not one: staff may have recorded one dashboard refund against two of a booking's refunds.
        var refunds = await db.RefundRequests.AsNoTracking().Where(r => r.ProviderRefundId == providerRefundId).ToListAsync(cancellationToken);
        if (refunds.Count == 0)
        {
            // Asked again while a refund of that payment may still take this id: one being sent (its first call timed out
            // after the provider made it), or one that failed and waits for staff, who may be recording a refund they made in
            // the provider's dashboard under this very id. RefundSettlement asks the provider before its transaction, so a
            // failure reported between that answer and its commit found no row; answered 200, nothing would undo it. Staff
            // who record the id after the provider's redeliveries end (days) meet that failure in RefundSettlement's question.
            var mayTakeIt = await db.RefundRequests.Where(r => r.PaymentReference == paymentReference).AnyAsync(MayTakeAnId, cancellationToken);
            logger.LogWarning("The payment provider reported refund {ProviderRefundId} of {PaymentReference} failed, but no refund of the portal has that id{Yet}.",
                providerRefundId, paymentReference, mayTakeIt ? " yet: one for that payment is being sent or recorded, so the provider is asked to deliver it again" : "");
            return mayTakeIt ? RefundReturnOutcome.NotKnownYet : RefundReturnOutcome.NotOurs;
        }

        var undone = 0;
        foreach (var refund in refunds)
        {
            undone += await UndoAsync(db, refund, providerRefundId, reason, cancellationToken) ? 1 : 0;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return undone > 0 ? RefundReturnOutcome.Recorded : RefundReturnOutcome.AlreadyRecorded;
    }

    private static readonly Expression<Func<RefundRequest, bool>> MayTakeAnId =
        r => r.Status == RefundStatus.Pending || r.Status == RefundStatus.Sending || r.Status == RefundStatus.Failed;

    /// <summary>
    /// Undoes a refund the dispatcher sent, or one staff made by hand in the provider's dashboard, whichever failed.
    /// Conditional on the status read and on the id: a webhook delivered twice, or two instances receiving it, undo it
    /// once; and once staff have refunded it again another way, a redelivered report of the old failure finds it changed.
    /// </summary>
    private async Task<bool> UndoAsync(BookingDbContext db, RefundRequest refund, string providerRefundId, string reason, CancellationToken cancellationToken)
    {
        if (!RefundRequest.IsRefunded(refund.Status))
        {
            return false;
        }

        var error = refund.Status == RefundStatus.SettledByHand
            ? $"Refunded by hand ({providerRefundId}), then reported failed by the provider ({reason})."
            : $"Accepted, then reported failed by the provider ({reason}).";
        var updated = await db.RefundRequests
            .Where(r => r.Id == refund.Id && r.Status == refund.Status && r.ProviderRefundId == providerRefundId)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.Status, RefundStatus.Failed).SetProperty(x => x.LastError, error), cancellationToken);
        if (updated == 1)
        {
            db.LedgerEntries.Add(LedgerEntry.For(refund.BookingId, refund.Currency, LedgerEntryKind.DepositRefundReturned, refund.Amount,
                time.GetUtcNow().UtcDateTime, $"Refund {providerRefundId} failed after it was accepted ({reason}). Refund it by hand."));
            logger.LogError("Refund {Id} of {Amount} {Currency} for booking {BookingId} ({ProviderRefundId}) failed after the provider accepted it and must be made by hand: {Reason}",
                refund.Id, refund.Amount, refund.Currency, refund.BookingId, providerRefundId, reason);
        }

        return updated == 1;
    }
}
