using Stripe;
using Stripe.Checkout;

using BookingPortal.Features.Payments.Ports;

namespace BookingPortal.Infrastructure.Payments;

public sealed partial class StripeCardGateway
{
    /// <summary>One call to Stripe while the sweep waits: the next sweep (30 s later) asks again.</summary>
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Expires the session (POST /v1/checkout/sessions/{id}/expire). Stripe expires only an open session and refuses
    /// any other with a 400; the session itself then says why: paid (complete) or expired already.
    /// </summary>
    public async Task<CheckoutClosing> CloseCheckoutAsync(string sessionId, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CloseTimeout);
        // No retries inside the client: the sweep asks again in 30 seconds, and holds behind this one wait meanwhile.
        var sessions = new SessionService(Client(maxNetworkRetries: 0));
        try
        {
            try
            {
                return Of(await sessions.ExpireAsync(sessionId, cancellationToken: timeout.Token));
            }
            catch (StripeException ex) when (ex.HttpStatusCode == System.Net.HttpStatusCode.BadRequest)
            {
                return Of(await sessions.GetAsync(sessionId, cancellationToken: timeout.Token));
            }
        }
        catch (Exception ex) when (ex is StripeException or HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new(CheckoutClosingState.Unknown);
        }
    }

    /// <summary>
    /// Paid: complete and paid (cards only, so a complete session is a paid one). An open session (a 400 for another
    /// reason) or a complete one not yet paid is neither closed nor paid: asked again at the next sweep.
    /// </summary>
    private static CheckoutClosing Of(Session session) => session switch
    {
        { Status: "expired" } => new(CheckoutClosingState.Closed),
        { Status: "complete", PaymentStatus: "paid" } => new(CheckoutClosingState.Paid, session.PaymentIntentId ?? session.Id,
            StripeAmounts.FromMinorUnits(session.AmountTotal ?? 0, session.Currency ?? "")),
        _ => new(CheckoutClosingState.Unknown),
    };
}
