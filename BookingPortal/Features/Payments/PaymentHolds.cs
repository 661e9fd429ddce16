using BookingPortal.Features.Payments.Ports;

namespace BookingPortal.Features.Payments;

/// <summary>Until when a new booking's seat is held for online payment; null when the gateway takes no online payment.</summary>
[SingletonService]
public sealed class PaymentHolds(IPaymentGateway gateway, IOptions<PaymentsOptions> options)
{
    public DateTime? HoldUntil(DateTime nowUtc) =>
        gateway.TakesPaymentOnline ? nowUtc.AddMinutes(options.Value.HoldMinutes) : null;
}
