using BookingPortal.Features.Payments.Ports;
using System.Linq.Expressions;

namespace BookingPortal.Features.Payments;

/// <summary>
/// Sends queued refunds to the payment provider, the only path by which a refund is made. Each
/// refund is claimed by a conditional update before it is sent, so two dispatchers (the job and a
/// cancellation's fast path, two instances) never send it at once; a claim whose owner died lapses
/// and is taken over. Every attempt sends the refund's own idempotency key; and since the provider
/// forgets a key after a while (Stripe: 24 hours) while a retry can come later (the portal down a
/// day, a spell on pay at reception), a retry first asks the provider for a refund made under the
/// key, so one the provider made on an attempt whose answer was lost is found, not made twice. The
/// ledger entry is written with the Sent status, in one transaction, by the claim's owner only.
/// </summary>
[ScopedService]
public sealed class RefundDispatcher(
    IDbContextFactory<BookingDbContext> dbFactory,
    IPaymentGateway gateway,
    IOptions<PaymentsOptions> options,
    TimeProvider time,
    ILogger<RefundDispatcher> logger)
{
    /// <returns>How many refunds the provider accepted.</returns>
    public Task<int> DispatchDueAsync(CancellationToken cancellationToken = default) => DispatchAsync(bookingId: null, cancellationToken);

    /// <summary>
    /// The fast path after a change that queued a refund: sends that booking's due refunds now,
    /// through the same claim as the job. It runs to the end whoever stops waiting (a closed browser,
    /// a dropped API call); what fails stays pending for the job.
    /// </summary>
    public async Task<RefundSending> SendNowAsync(Guid bookingId)
    {
        if (!gateway.TakesPaymentOnline)
        {
            return RefundSending.ByStaff;
        }

        // The change that owed the refund is committed and stands whatever happens here (the job sends
        // what is still due), so nothing may escape to tell its caller otherwise.
        try
        {
            await DispatchAsync(bookingId, CancellationToken.None);
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            var statuses = await db.RefundRequests.Where(r => r.BookingId == bookingId).Select(r => r.Status).ToListAsync(CancellationToken.None);
            // A refund the provider refused for good is not sent again: staff make it by hand (the refunds list says so).
            return statuses.All(RefundRequest.IsRefunded) ? RefundSending.Sent
                : statuses.Contains(RefundStatus.Failed) ? RefundSending.ByStaff
                : RefundSending.Retrying;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Sending the refund of booking {BookingId} at once failed; the refund job will retry it.", bookingId);
            return RefundSending.Retrying;
        }
    }

    private async Task<int> DispatchAsync(Guid? bookingId, CancellationToken cancellationToken)
    {
        // With no online gateway configured (switched back to reception) refunds wait, as outbox
        // messages wait for their channel, rather than burning their attempts.
        if (!gateway.TakesPaymentOnline)
        {
            return 0;
        }

        var settings = options.Value.Refunds;
        var nowUtc = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var due = await db.RefundRequests.AsNoTracking()
            .Where(IsDue(nowUtc))
            .Where(r => bookingId == null || r.BookingId == bookingId)
            .OrderBy(r => r.NextAttemptAtUtc).ThenBy(r => r.Id)
            .Select(r => r.Id)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);

        var sent = 0;
        foreach (var id in due)
        {
            if (await ClaimAsync(db, id, settings, cancellationToken) is { } claim && await SendAsync(db, id, claim.Token, claim.TakenOver, cancellationToken))
            {
                sent++;
            }
        }

        return sent;
    }

    private static Expression<Func<RefundRequest, bool>> IsDue(DateTime nowUtc) =>
        r => (r.Status == RefundStatus.Pending && r.NextAttemptAtUtc <= nowUtc)
             || (r.Status == RefundStatus.Sending && r.ClaimedUntilUtc <= nowUtc);

    /// <summary>
    /// Claims the refund while it is due, and says whether the claim was taken over from a dispatcher that stopped
    /// during its call (a lapsed Sending claim; that call was never counted): the provider may have made that refund. One
    /// conditional update per state the row may be in, since only the one that matched knows which it was.
    /// </summary>
    private async Task<(Guid Token, bool TakenOver)?> ClaimAsync(BookingDbContext db, long id, RefundOptions settings, CancellationToken cancellationToken)
    {
        var claimedAtUtc = time.GetUtcNow().UtcDateTime;
        var due = db.RefundRequests.Where(r => r.Id == id).Where(IsDue(claimedAtUtc));
        foreach (var status in (RefundStatus[])[RefundStatus.Pending, RefundStatus.Sending])
        {
            var claim = await DispatchClaims.TakeAsync(due.Where(r => r.Status == status),
                r => r.SetProperty(x => x.Status, RefundStatus.Sending), claimedAtUtc, settings.ClaimTimeoutSeconds, cancellationToken);
            if (claim is { } token)
            {
                return (token, status == RefundStatus.Sending);
            }
        }

        return null;
    }

    /// <param name="takenOver">The claim was taken from a dispatcher that stopped mid-call: this is a retry even with no attempt counted.</param>
    private async Task<bool> SendAsync(BookingDbContext db, long id, Guid claim, bool takenOver, CancellationToken cancellationToken)
    {
        var refund = await db.RefundRequests.AsNoTracking().SingleAsync(r => r.Id == id, cancellationToken);
        var settings = options.Value.Refunds;
        var (providerRefundId, error, rejected) = await CallProviderAsync(refund, refund.Attempts > 0 || takenOver, settings, cancellationToken);

        var attempts = refund.Attempts + 1;
        var status = providerRefundId is not null ? RefundStatus.Sent
            : rejected || DeliveryPolicy.ShouldGiveUp(attempts, settings.MaxAttempts) ? RefundStatus.Failed
            : RefundStatus.Pending;
        var nowUtc = time.GetUtcNow().UtcDateTime;
        var next = nowUtc + DeliveryPolicy.RetryDelay(attempts, TimeSpan.FromSeconds(settings.RetryBaseDelaySeconds));
        error = error is { Length: > 2000 } ? error[..2000] : error;

        // Finished without the cancellation token: the provider has answered, and that answer must be recorded.
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var updated = await db.RefundRequests
            .Where(r => r.Id == id && r.ClaimToken == claim)
            .ExecuteUpdateAsync(r => r
                .SetProperty(x => x.Status, status)
                .SetProperty(x => x.ProviderRefundId, providerRefundId)
                .Answered(attempts, status == RefundStatus.Pending ? next : nowUtc, status == RefundStatus.Sent ? nowUtc : null, error), CancellationToken.None);
        if (updated == 1 && status == RefundStatus.Sent)
        {
            db.LedgerEntries.Add(LedgerEntry.For(refund.BookingId, refund.Currency, LedgerEntryKind.DepositRefunded, refund.Amount, nowUtc,
                $"{refund.Reason} Refund {providerRefundId}."));
            await db.SaveChangesAsync(CancellationToken.None);
        }

        await transaction.CommitAsync(CancellationToken.None);
        LogOutcome(refund, updated == 1 ? status : null, attempts, next, error);
        return updated == 1 && status == RefundStatus.Sent;
    }

    /// <returns>The provider's refund id, or the error and whether the provider refused for good.</returns>
    private async Task<(string? ProviderRefundId, string? Error, bool Rejected)> CallProviderAsync(
        RefundRequest refund, bool isRetry, RefundOptions settings, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(settings.TimeoutSeconds), time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            return (await gateway.RefundAsync(refund.PaymentReference, refund.Amount, refund.Currency, refund.IdempotencyKey, isRetry, linked.Token), null, false);
        }
        catch (RefundRejectedException ex)
        {
            return (null, ex.Message, true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A timeout, a dropped connection or a 5xx: the provider may or may not have made the
            // refund. The next attempt looks for it first and sends the same key, so either way it is made once.
            return (null, $"{ex.GetType().Name}: {ex.Message}", false);
        }
    }

    /// <param name="status">What this attempt recorded; null when the claim lapsed and nothing was recorded.</param>
    private void LogOutcome(RefundRequest refund, RefundStatus? status, int attempts, DateTime next, string? error)
    {
        if (status is null)
        {
            logger.LogWarning("Refund {Id}: the claim lapsed before the provider answered; another dispatcher owns it now.", refund.Id);
        }
        else if (status == RefundStatus.Failed)
        {
            logger.LogError("Refund {Id} of {Amount} {Currency} for booking {BookingId} failed after {Attempts} attempt(s) and must be made by hand: {Error}",
                refund.Id, refund.Amount, refund.Currency, refund.BookingId, attempts, error);
        }
        else if (status == RefundStatus.Pending)
        {
            logger.LogWarning("Refund {Id} attempt {Attempt} failed, retrying at {Next:o}: {Error}", refund.Id, attempts, next, error);
        }
    }
}
