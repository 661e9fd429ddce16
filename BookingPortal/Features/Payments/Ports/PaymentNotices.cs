namespace BookingPortal.Features.Payments.Ports;

/// <summary>What a payment provider's notification said, read only after its signature checked out.</summary>
public abstract record PaymentNotice
{
    private PaymentNotice()
    {
    }

    /// <summary>The deposit of a booking was paid (the provider's payment id and the amount it took).</summary>
    public sealed record DepositPaid(Guid BookingId, string PaymentReference, decimal Amount) : PaymentNotice;

    /// <summary>A refund the provider had accepted failed or was cancelled afterwards (its id, the payment it refunded, and the provider's reason when it gave one).</summary>
    public sealed record RefundFailed(string ProviderRefundId, string PaymentReference, string? FailureReason) : PaymentNotice;

    /// <summary>Signed, but about nothing the portal acts on (another event type, an unpaid session).</summary>
    public sealed record NothingToDo : PaymentNotice;

    /// <summary>The signature did not check out (or the body is not the provider's): nothing in it is believed.</summary>
    public sealed record Refused(string Reason) : PaymentNotice;
}

/// <summary>The port a provider's webhook reader implements: it checks the signature and says what the notice means.</summary>
public interface IPaymentNotices
{
    PaymentNotice Read(string body, string signature);

    /// <summary>
    /// Whether <paramref name="reference"/> is the provider's id of a refund, as staff record one made in the provider's
    /// dashboard: its notices report that refund's failure by this id. Asked of the notices, not of the gateway that
    /// takes new deposits, since they are heard while that gateway is pay at reception too.
    /// </summary>
    bool IsRefundId(string reference);
}
