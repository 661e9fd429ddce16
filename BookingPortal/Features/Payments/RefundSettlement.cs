using BookingPortal.Features.Payments.Ports;
using BookingPortal.Features.Audit;
using BookingPortal.Features.Staff;
using System.Linq.Expressions;

namespace BookingPortal.Features.Payments;

/// <summary>A refund the portal gave up on, as staff see it to make it another way.</summary>
public sealed record RefundToSettle(long Id, string ConfirmationNumber, decimal Amount, string Currency, string Reason, string? LastError);

public enum SettleOutcome
{
    Recorded,

    /// <summary>Someone recorded it first (another tab, a colleague): nothing changed.</summary>
    AlreadySettled,

    /// <summary>How the money was sent back must be said (up to <see cref="RefundSettlement.MaxReferenceLength"/> characters).</summary>
    ReferenceRequired,

    /// <summary>
    /// The provider's id given is of a refund that failed: the row's own (recorded, that failure's next report would undo it),
    /// or one the provider says failed already (no money went back).
    /// </summary>
    TheRefundThatFailed,

    /// <summary>The provider has no refund of this payment with that id (a typo, another booking's refund).</summary>
    NotThisPaymentsRefund,

    /// <summary>The provider could not be asked about that id just now: nothing changed, the refund stays listed to record later.</summary>
    ProviderUnreachable,
}

/// <summary>
/// Refunds the portal gave up on (the provider refused them, every attempt failed, or an accepted one failed later),
/// and, while no online gateway is configured (switched back to reception), the ones waiting for it, stay owed in the
/// ledger until staff refund the customer another way (a bank transfer, the provider's dashboard) and record it here.
/// Recording writes the DepositRefunded entry the dispatcher would have written, with who and how, so the ledger and
/// the consistency check agree again.
/// </summary>
[ScopedService]
public sealed class RefundSettlement(
    IDbContextFactory<BookingDbContext> dbFactory, AuditLog audit, IPaymentGateway gateway, IPaymentNotices notices, TimeProvider time)
{
    public const int MaxReferenceLength = 200;

    /// <summary>Why a refund that is not failed is listed: nothing would ever send it.</summary>
    public const string NoGatewayToSendIt = "Waiting for an online payment gateway, and none is configured (Payments:Gateway is Reception).";

    /// <summary>Why a refund whose sending was cut off is listed: the provider may have made it before the portal stopped.</summary>
    public const string CutOffWithNoGateway =
        "An attempt to send it was cut off (the portal stopped during the call) and no online payment gateway is configured now: " +
        "look at the payment in the provider's dashboard first, it may have been refunded.";

    /// <summary>
    /// Failed refunds; and while nothing sends refunds (no online gateway: the dispatcher waits for one), the pending ones
    /// and those whose sending was cut off (a claim that lapsed, the portal restarted mid-call to switch gateways), which
    /// no dispatcher would ever take over.
    /// </summary>
    private Expression<Func<RefundRequest, bool>> MadeByHand(DateTime nowUtc) => gateway.TakesPaymentOnline
        ? r => r.Status == RefundStatus.Failed
        : r => r.Status == RefundStatus.Failed || r.Status == RefundStatus.Pending || (r.Status == RefundStatus.Sending && r.ClaimedUntilUtc <= nowUtc);

    /// <summary>Oldest first: the customer who has waited longest comes first.</summary>
    public async Task<IReadOnlyList<RefundToSettle>> ListAsync(StaffActor actor, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await (
                from refund in db.RefundRequests.AsNoTracking().Where(MadeByHand(time.GetUtcNow().UtcDateTime))
                join booking in db.Bookings on refund.BookingId equals booking.Id
                orderby refund.CreatedAtUtc, refund.Id
                select new RefundToSettle(refund.Id, booking.ConfirmationNumber, refund.Amount, refund.Currency, refund.Reason,
                    refund.Status == RefundStatus.Pending ? NoGatewayToSendIt : refund.Status == RefundStatus.Sending ? CutOffWithNoGateway : refund.LastError))
            .ToListAsync(cancellationToken);
    }

    /// <param name="reference">
    /// How the money went back, as staff can find it again (a transfer's reference, the provider's refund id). A refund
    /// made in the provider's dashboard can still fail there days later: its id becomes the row's provider refund id, so
    /// the provider's report of that failure finds it (RefundReturns) and the refund is owed again. Any other reference
    /// clears an id an earlier, failed refund left on the row, whose redelivered report must not undo this one.
    /// </param>
    public async Task<SettleOutcome> RecordRefundedByHandAsync(StaffActor actor, long refundId, string? reference, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        var how = reference?.Trim() ?? "";
        if (how.Length is 0 or > MaxReferenceLength)
        {
            return SettleOutcome.ReferenceRequired;
        }

        var providerRefundId = notices.IsRefundId(how) ? how : null;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var refund = await db.RefundRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == refundId, cancellationToken);
        if (providerRefundId is not null && refund is not null && await RefusedByProviderAsync(refund, providerRefundId, cancellationToken) is { } refused)
        {
            return refused;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Conditional on its status: two clicks, two tabs or two colleagues record the money once.
        var updated = refund is null ? 0 : await db.RefundRequests
            .Where(r => r.Id == refundId).Where(MadeByHand(time.GetUtcNow().UtcDateTime))
            .ExecuteUpdateAsync(r => r
                .SetProperty(x => x.Status, RefundStatus.SettledByHand)
                .SetProperty(x => x.ProviderRefundId, providerRefundId), cancellationToken);
        if (updated == 1)
        {
            var number = await db.Bookings.Where(b => b.Id == refund!.BookingId).Select(b => b.ConfirmationNumber).SingleAsync(cancellationToken);
            var amount = FormattableString.Invariant($"{refund!.Amount:0.00} {refund.Currency}");
            db.LedgerEntries.Add(LedgerEntry.For(refund.BookingId, refund.Currency, LedgerEntryKind.DepositRefunded, refund.Amount,
                time.GetUtcNow().UtcDateTime, $"Refunded by hand: {how}", actor.Id));
            audit.Record(db, actor, "booking.refunded_by_hand", number, $"{amount}: {how}");
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return updated == 1 ? SettleOutcome.Recorded : SettleOutcome.AlreadySettled;
    }

    /// <summary>Asked before the transaction opens: the provider's answer may take seconds, and nothing waits on it.</summary>
    private async Task<SettleOutcome?> RefusedByProviderAsync(RefundRequest refund, string providerRefundId, CancellationToken cancellationToken)
    {
        if (refund.Status == RefundStatus.Failed && refund.ProviderRefundId == providerRefundId)
        {
            return SettleOutcome.TheRefundThatFailed;
        }

        return (await gateway.FindRefundAsync(refund.PaymentReference, providerRefundId, cancellationToken)).State switch
        {
            ProviderRefundState.Failed => SettleOutcome.TheRefundThatFailed,
            ProviderRefundState.NotOfThisPayment => SettleOutcome.NotThisPaymentsRefund,
            ProviderRefundState.Unreachable => SettleOutcome.ProviderUnreachable,
            _ => null,
        };
    }
}
