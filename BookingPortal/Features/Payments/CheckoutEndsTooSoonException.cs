namespace BookingPortal.Features.Payments;

/// <summary>
/// A press of "Pay" refused: the booking's checkout stops taking payment before the customer would have
/// <see cref="PaymentService.TimeToPay"/> in it, so the card form would close under them.
/// </summary>
public sealed class CheckoutEndsTooSoonException(DateTime checkoutEndsAtUtc)
    : Exception(FormattableString.Invariant($"The checkout stops taking payment at {checkoutEndsAtUtc:O}, too soon to pay in it."))
{
    public DateTime CheckoutEndsAtUtc { get; } = checkoutEndsAtUtc;
}
