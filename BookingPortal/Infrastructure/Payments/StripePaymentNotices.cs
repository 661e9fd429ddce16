using BookingPortal.Features.Payments.Ports;
using Stripe;
using Stripe.Checkout;

namespace BookingPortal.Infrastructure.Payments;

/// <summary>
/// Stripe's webhook events, checked against the endpoint's signing secret with Stripe's own client. A paid
/// Checkout Session names its booking by ClientReferenceId (set by StripeCardGateway). A refund that fails after
/// Stripe accepted it arrives as refund.failed, or as charge.refund.updated on older API versions: either
/// carries the refund with the status "failed" (or "canceled", which moves no money either).
/// </summary>
public sealed class StripePaymentNotices(IOptions<PaymentsOptions> options) : IPaymentNotices
{
    public PaymentNotice Read(string body, string signature)
    {
        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(body, signature, options.Value.Stripe.WebhookSecret, throwOnApiVersionMismatch: false);
        }
        catch (StripeException ex)
        {
            return new PaymentNotice.Refused(ex.Message);
        }

        return stripeEvent.Data.Object switch
        {
            Session { PaymentStatus: "paid" } session when stripeEvent.Type == EventTypes.CheckoutSessionCompleted
                                                          && Guid.TryParse(session.ClientReferenceId, out var bookingId) =>
                new PaymentNotice.DepositPaid(bookingId, session.PaymentIntentId ?? session.Id, StripeAmounts.FromMinorUnits(session.AmountTotal ?? 0, session.Currency ?? "")),
            Refund { Status: "failed" or "canceled" } refund =>
                new PaymentNotice.RefundFailed(refund.Id, refund.PaymentIntentId ?? "", refund.FailureReason ?? refund.Status),
            _ => new PaymentNotice.NothingToDo(),
        };
    }

    /// <summary>A Stripe refund id is "re_" and letters and digits; a note around it ("re_… by phone") is not one.</summary>
    public bool IsRefundId(string reference) =>
        reference.Length > 3 && reference.StartsWith("re_", StringComparison.Ordinal) && reference[3..].All(char.IsAsciiLetterOrDigit);
}
