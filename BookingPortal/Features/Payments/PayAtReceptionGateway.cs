using BookingPortal.Features.Payments.Ports;

namespace BookingPortal.Features.Payments;

/// <summary>The default: the deposit is paid at the desk, so there is nothing to start or refund online.</summary>
public sealed class PayAtReceptionGateway : IPaymentGateway
{
    public bool TakesPaymentOnline => false;

    public DateTime CheckoutExpiresAt(DateTime holdExpiresAtUtc, DateTime nowUtc) => holdExpiresAtUtc;

    public Task<StartedCheckout> StartCheckoutAsync(DepositCheckout checkout, string idempotencyKey, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("Deposits are paid at reception; there is no online checkout.");

    /// <summary>
    /// Nothing here can reach the provider that opened the session (the portal switched to pay at reception with
    /// checkouts still open): unknown, so the hold is kept until the checkout's own end, after which none can be paid.
    /// </summary>
    public Task<CheckoutClosing> CloseCheckoutAsync(string sessionId, CancellationToken cancellationToken) =>
        Task.FromResult(new CheckoutClosing(CheckoutClosingState.Unknown));

    public Task<string> RefundAsync(string paymentReference, decimal amount, string currency, string idempotencyKey, bool isRetry, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("Deposits are paid at reception; refunds are made at the desk.");

    /// <summary>No provider to ask: a refund staff made in a dashboard is recorded as they say.</summary>
    public Task<ProviderRefund> FindRefundAsync(string paymentReference, string providerRefundId, CancellationToken cancellationToken) =>
        Task.FromResult(new ProviderRefund(ProviderRefundState.Unknown));
}
