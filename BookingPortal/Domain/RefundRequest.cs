using System.Linq.Expressions;

namespace BookingPortal.Domain;

public enum RefundStatus
{
    /// <summary>Owed and waiting for its next attempt.</summary>
    Pending,

    /// <summary>Claimed by a dispatcher until <see cref="RefundRequest.ClaimedUntilUtc"/>; a claim that outlives it is taken over.</summary>
    Sending,

    /// <summary>The provider accepted it; the DepositRefunded ledger entry was written in the same transaction.</summary>
    Sent,

    /// <summary>
    /// Gave up: the provider refused it for good, every attempt failed, or the provider accepted it (or a refund staff
    /// made by hand in its dashboard) and reported later that it failed (a DepositRefundReturned entry then undoes the
    /// refund in the ledger). Staff must settle it by hand.
    /// </summary>
    Failed,

    /// <summary>Failed, then refunded another way by staff, who recorded how; its DepositRefunded entry was written then.</summary>
    SettledByHand,
}

/// <summary>
/// Money owed back to a customer, written in the transaction of the change that owes it (a
/// cancellation, a payment that arrived after the hold ended) and sent by the refund dispatcher
/// until the provider accepts it. The idempotency key is fixed when the row is written and sent
/// unchanged on every attempt, and a retry first looks for a refund made under it (the provider
/// forgets keys, Stripe after 24 hours), so a retry after a timeout cannot refund twice.
/// </summary>
public class RefundRequest : DispatchedWork
{
    public long Id { get; set; }
    public Guid BookingId { get; set; }
    public decimal Amount { get; set; }
    public required string Currency { get; set; }

    /// <summary>The provider's id of the payment being refunded (a Stripe payment intent).</summary>
    public required string PaymentReference { get; set; }

    public required string Reason { get; set; }

    /// <summary>"refund-{booking}-{n}", n counting the booking's refund requests from 1. Unique.</summary>
    public required string IdempotencyKey { get; set; }

    public RefundStatus Status { get; set; }

    /// <summary>
    /// The provider's id of the refund that carries the money now: the dispatcher's, or the one staff made in the
    /// provider's dashboard and recorded. Its failure report names it. Not unique: staff may record one refund twice.
    /// </summary>
    public string? ProviderRefundId { get; set; }

    /// <summary>
    /// Owed and not yet accepted by the provider: the dispatcher will still send it. Queries (the
    /// consistency check's "a cancelled paid booking has its refund recorded or pending") use this
    /// expression rather than spelling out the statuses again.
    /// </summary>
    public static readonly Expression<Func<RefundRequest, bool>> IsOutstanding =
        r => r.Status == RefundStatus.Pending || r.Status == RefundStatus.Sending;

    /// <summary>Its amount is in the ledger as DepositRefunded: the provider accepted it, or staff made it by hand.</summary>
    public static bool IsRefunded(RefundStatus status) => status is RefundStatus.Sent or RefundStatus.SettledByHand;

    public static string KeyFor(Guid bookingId, int sequence) => $"refund-{bookingId}-{sequence}";
}
