using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace BookingPortal.Features.Payments;

/// <summary>
/// Card deposits through Stripe Checkout (a hosted page, so no card data touches the portal) and
/// refunds, with Stripe's official client. Stripe confirms payment by webhook (see PaymentEndpoints).
/// </summary>
public sealed class StripeCardGateway(IOptions<PaymentsOptions> options, IHttpClientFactory httpClients) : IPaymentGateway
{
    public bool TakesPaymentOnline => true;

    public async Task<Uri> StartCheckoutAsync(DepositCheckout checkout, string idempotencyKey, CancellationToken cancellationToken)
    {
        var sessions = new SessionService(Client());
        var session = await sessions.CreateAsync(
            new SessionCreateOptions
            {
                Mode = "payment",
                ClientReferenceId = checkout.BookingId.ToString(),
                SuccessUrl = checkout.SuccessUrl.ToString(),
                CancelUrl = checkout.CancelUrl.ToString(),
                Metadata = new Dictionary<string, string> { ["confirmation_number"] = checkout.ConfirmationNumber },
                LineItems =
                [
                    new SessionLineItemOptions
                    {
                        Quantity = 1,
                        PriceData = new SessionLineItemPriceDataOptions
                        {
                            Currency = checkout.Currency.ToLowerInvariant(),
                            UnitAmount = ToMinorUnits(checkout.Amount),
                            ProductData = new SessionLineItemPriceDataProductDataOptions { Name = $"Deposit: {checkout.ServiceName} ({checkout.ConfirmationNumber})" },
                        },
                    },
                ],
            },
            new RequestOptions { IdempotencyKey = idempotencyKey },
            cancellationToken);
        return new Uri(session.Url);
    }

    public async Task<string> RefundAsync(string paymentReference, decimal amount, string currency, string idempotencyKey, CancellationToken cancellationToken)
    {
        var refunds = new RefundService(Client());
        var refund = await refunds.CreateAsync(
            new RefundCreateOptions { PaymentIntent = paymentReference, Amount = ToMinorUnits(amount) },
            new RequestOptions { IdempotencyKey = idempotencyKey },
            cancellationToken);
        return refund.Id;
    }

    /// <summary>Stripe counts in the currency's minor unit (cents); the currencies offered here all have two decimals.</summary>
    public static long ToMinorUnits(decimal amount) => (long)decimal.Round(amount * 100m, MidpointRounding.AwayFromZero);

    private StripeClient Client()
    {
        var stripe = options.Value.Stripe;
        return new StripeClient(
            apiKey: stripe.SecretKey,
            httpClient: new SystemNetHttpClient(httpClients.CreateClient(nameof(StripeCardGateway))),
            apiBase: stripe.ApiBase);
    }
}
