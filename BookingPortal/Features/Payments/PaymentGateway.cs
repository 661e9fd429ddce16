namespace BookingPortal.Features.Payments;

/// <summary>What a hosted checkout needs to take a booking's deposit.</summary>
public sealed record DepositCheckout(
    Guid BookingId,
    string ConfirmationNumber,
    string ServiceName,
    decimal Amount,
    string Currency,
    Uri SuccessUrl,
    Uri CancelUrl);

/// <summary>The port every payment provider implements. Every call carries an idempotency key, so a retry never charges or refunds twice.</summary>
public interface IPaymentGateway
{
    /// <summary>False when nothing is paid online (the booking is confirmed at once).</summary>
    bool TakesPaymentOnline { get; }

    /// <returns>The URL to send the customer to.</returns>
    Task<Uri> StartCheckoutAsync(DepositCheckout checkout, string idempotencyKey, CancellationToken cancellationToken);

    /// <returns>The provider's id of the refund.</returns>
    Task<string> RefundAsync(string paymentReference, decimal amount, string currency, string idempotencyKey, CancellationToken cancellationToken);
}

/// <summary>The default: the deposit is paid at the desk, so there is nothing to start or refund online.</summary>
public sealed class PayAtReceptionGateway : IPaymentGateway
{
    public bool TakesPaymentOnline => false;

    public Task<Uri> StartCheckoutAsync(DepositCheckout checkout, string idempotencyKey, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("Deposits are paid at reception; there is no online checkout.");

    public Task<string> RefundAsync(string paymentReference, decimal amount, string currency, string idempotencyKey, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("Deposits are paid at reception; refunds are made at the desk.");
}
