using BookingPortal.Features.Payments.Ports;

namespace BookingPortal.Features.Payments;

/// <summary>The default: the deposit is paid at the desk, so there is nothing to start or refund online.</summary>
/// <param name="closeLeftoverCheckout">
/// Closes a checkout the card gateway opened before the portal was switched back to pay at reception, while that
/// gateway's keys are still configured; null when they are not.
/// </param>
public sealed class PayAtReceptionGateway(Func<string, CancellationToken, Task<CheckoutClosing>>? closeLeftoverCheckout = null) : IPaymentGateway
{
    public bool TakesPaymentOnline => false;

    public DateTime CheckoutExpiresAt(DateTime holdExpiresAtUtc, DateTime nowUtc) => holdExpiresAtUtc;

    public Task<StartedCheckout> StartCheckoutAsync(DepositCheckout checkout, string idempotencyKey, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("Deposits are paid at reception; there is no online checkout.");

    /// <summary>
    /// A checkout still open from before the switch is closed with the card gateway's keys when they were kept: left open,
    /// its seat stayed held until the checkout's own end (Stripe's is at least 30 minutes on), and the customer could still pay online for a booking the
    /// clinic now takes at the desk. Without the keys nothing can reach the provider: unknown, so the hold is kept
    /// until the checkout's own end, after which none can be paid.
    /// </summary>
    public Task<CheckoutClosing> CloseCheckoutAsync(string sessionId, CancellationToken cancellationToken) =>
        closeLeftoverCheckout?.Invoke(sessionId, cancellationToken) ?? Task.FromResult(new CheckoutClosing(CheckoutClosingState.Unknown));

    public Task<string> RefundAsync(string paymentReference, decimal amount, string currency, string idempotencyKey, bool isRetry, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("Deposits are paid at reception; refunds are made at the desk.");

    /// <summary>No provider to ask: a refund staff made in a dashboard is recorded as they say.</summary>
    public Task<ProviderRefund> FindRefundAsync(string paymentReference, string providerRefundId, CancellationToken cancellationToken) =>
        Task.FromResult(new ProviderRefund(ProviderRefundState.Unknown));
}
