namespace BookingPortal.Features.Payments;

/// <summary>
/// Refunds the provider accepted and later reported failed: days afterwards a card can turn out closed, or the
/// bank can send the money back. Until then the portal counted the deposit as refunded; from then on it is the
/// customer's money again, owed by hand, and shown as such wherever a dispatcher's failed refund is.
/// </summary>
[ScopedService]
public sealed class RefundReturns(IDbContextFactory<BookingDbContext> dbFactory, TimeProvider time, ILogger<RefundReturns> logger)
{
    /// <returns>True when this report changed the refund; false for a repeat of the report, or a refund the portal did not make.</returns>
    public async Task<bool> RecordFailedAfterAcceptanceAsync(string providerRefundId, string? failureReason, CancellationToken cancellationToken = default)
    {
        var reason = string.IsNullOrWhiteSpace(failureReason) ? "no reason given" : failureReason;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var refund = await db.RefundRequests.AsNoTracking().SingleOrDefaultAsync(r => r.ProviderRefundId == providerRefundId, cancellationToken);
        if (refund is null)
        {
            logger.LogWarning("The payment provider reported refund {ProviderRefundId} failed, but no refund of the portal has that id.", providerRefundId);
            return false;
        }

        // Conditional on Sent: a webhook delivered twice, or two instances receiving it, undo the refund once.
        var error = $"Accepted, then reported failed by the provider ({reason}).";
        var updated = await db.RefundRequests
            .Where(r => r.Id == refund.Id && r.Status == RefundStatus.Sent)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.Status, RefundStatus.Failed).SetProperty(x => x.LastError, error), cancellationToken);
        if (updated == 1)
        {
            db.LedgerEntries.Add(LedgerEntry.For(refund.BookingId, refund.Currency, LedgerEntryKind.DepositRefundReturned, refund.Amount,
                time.GetUtcNow().UtcDateTime, $"Refund {providerRefundId} failed after it was accepted ({reason}). Refund it by hand."));
            await db.SaveChangesAsync(cancellationToken);
            logger.LogError("Refund {Id} of {Amount} {Currency} for booking {BookingId} ({ProviderRefundId}) failed after the provider accepted it and must be made by hand: {Reason}",
                refund.Id, refund.Amount, refund.Currency, refund.BookingId, providerRefundId, reason);
        }

        await transaction.CommitAsync(cancellationToken);
        return updated == 1;
    }
}
