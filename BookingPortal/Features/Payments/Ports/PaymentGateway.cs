namespace BookingPortal.Features.Payments.Ports;

/// <summary>What a hosted checkout needs to take a booking's deposit.</summary>
public sealed record DepositCheckout(
    Guid BookingId,
    string ConfirmationNumber,
    string ServiceName,
    decimal Amount,
    string Currency,
    Uri SuccessUrl,
    Uri CancelUrl,
    DateTime ExpiresAtUtc);

/// <summary>A checkout the provider opened: its id, to close it when the hold ends, and where to send the customer.</summary>
public sealed record StartedCheckout(string SessionId, Uri Url);

public enum CheckoutClosingState
{
    /// <summary>The checkout can no longer take payment: closed by this call, or expired (or closed) before it.</summary>
    Closed,

    /// <summary>The customer paid it before it could be closed: the payment stands, and the booking is confirmed.</summary>
    Paid,

    /// <summary>The provider could not be asked (down, timed out) or answered neither: the checkout may still take payment.</summary>
    Unknown,
}

/// <summary>What closing a checkout found; a paid one carries the payment's reference and the amount taken.</summary>
public sealed record CheckoutClosing(CheckoutClosingState State, string? PaymentReference = null, decimal Amount = 0);

/// <summary>
/// The port every payment provider implements. Every call carries an idempotency key, so a retry never charges or refunds
/// twice; a refund's retry also looks for the refund first, since the provider forgets keys.
/// </summary>
public interface IPaymentGateway
{
    /// <summary>False when nothing is paid online (the booking is confirmed at once).</summary>
    bool TakesPaymentOnline { get; }

    /// <summary>
    /// When a checkout started at <paramref name="nowUtc"/> for a hold ending at <paramref name="holdExpiresAtUtc"/>
    /// stops taking payment: the end of the hold, or later when the provider cannot close a checkout that soon.
    /// </summary>
    DateTime CheckoutExpiresAt(DateTime holdExpiresAtUtc, DateTime nowUtc);

    /// <returns>The session opened (the same one again for the same key) and the URL to send the customer to.</returns>
    /// <exception cref="CheckoutInProgressException">Another request with this key is still being answered.</exception>
    Task<StartedCheckout> StartCheckoutAsync(DepositCheckout checkout, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>
    /// Closes checkout <paramref name="sessionId"/> as its hold ends, so the seat can be released with no payment still
    /// possible: the provider keeps a session open longer than a short hold (Stripe at least 30 minutes), and a customer
    /// who paid in that gap would find the booking cancelled and the money refunded. A session already paid cannot be
    /// closed; its payment is returned, to confirm the booking.
    /// </summary>
    Task<CheckoutClosing> CloseCheckoutAsync(string sessionId, CancellationToken cancellationToken);

    /// <param name="isRetry">
    /// An earlier attempt may have reached the provider and made the refund, its answer lost (a timeout, a 5xx, a portal
    /// that stopped mid-call). The key alone does not make that safe: the provider forgets it (Stripe after 24 hours),
    /// and a retry after that would refund twice. So a retry first looks for a refund made under the key.
    /// </param>
    /// <returns>The provider's id of the refund.</returns>
    /// <exception cref="RefundRejectedException">The provider refused the refund for good; trying again would not help.</exception>
    Task<string> RefundAsync(string paymentReference, decimal amount, string currency, string idempotencyKey, bool isRetry, CancellationToken cancellationToken);

    /// <summary>
    /// What the provider says of refund <paramref name="providerRefundId"/>, which staff made in its dashboard for this payment
    /// and are about to record: a refund that failed already (the same closed card, within seconds) must not be recorded as
    /// money returned, nor one of another payment (a typo, another booking's).
    /// </summary>
    Task<ProviderRefund> FindRefundAsync(string paymentReference, string providerRefundId, CancellationToken cancellationToken);
}

public enum ProviderRefundState
{
    /// <summary>Made, or still under way: if it fails later, the provider's report finds it by its id.</summary>
    Made,

    /// <summary>The provider gave up on it (failed or cancelled): no money went back.</summary>
    Failed,

    /// <summary>No refund of this payment has that id.</summary>
    NotOfThisPayment,

    /// <summary>
    /// Nothing can ask the provider: no online gateway (pay at reception), or the provider refuses the lookup itself (a key
    /// that may not read refunds). Recorded as staff say; its later failure report still undoes it.
    /// </summary>
    Unknown,

    /// <summary>
    /// The online provider did not answer (down, timed out): not recorded yet. Its failure report may already have come and
    /// gone (answered "not ours"), and nothing would ask again once the row says the money went back.
    /// </summary>
    Unreachable,
}

public sealed record ProviderRefund(ProviderRefundState State, string? FailureReason = null);

/// <summary>The provider answered that this refund will never be made (already refunded, more than was paid…).</summary>
public sealed class RefundRejectedException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>
/// The provider is still answering another request with the same key (two tabs pressing "Pay" at once): that one may
/// open the session, so the key stays the booking's.
/// </summary>
public sealed class CheckoutInProgressException(string message, Exception? innerException = null) : Exception(message, innerException);
