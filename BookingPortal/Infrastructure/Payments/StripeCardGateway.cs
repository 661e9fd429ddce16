using Stripe;
using Stripe.Checkout;

using BookingPortal.Features.Payments.Ports;

namespace BookingPortal.Infrastructure.Payments;

/// <summary>
/// Card deposits through Stripe Checkout (a hosted page, so no card data touches the portal) and
/// refunds, with Stripe's official client. Stripe confirms payment by webhook (see StripePaymentNotices).
/// </summary>
public sealed partial class StripeCardGateway(IOptions<PaymentsOptions> options, IHttpClientFactory httpClients) : IPaymentGateway
{
    /// <summary>
    /// Stripe refuses a Checkout Session that expires less than 30 minutes after it is created (by
    /// Stripe's clock). A minute more absorbs clock skew and the time the request takes.
    /// </summary>
    public static readonly TimeSpan ShortestCheckout = TimeSpan.FromMinutes(31);

    public bool TakesPaymentOnline => true;

    /// <summary>
    /// The checkout closes with the hold. A hold with less than Stripe's minimum left (the default
    /// 10-minute hold always has) keeps the checkout open up to that minimum past the hold's end; so the
    /// hold expiry sweep closes the session (CloseCheckoutAsync) before it releases the seat.
    /// </summary>
    public DateTime CheckoutExpiresAt(DateTime holdExpiresAtUtc, DateTime nowUtc) =>
        holdExpiresAtUtc >= nowUtc + ShortestCheckout ? holdExpiresAtUtc : nowUtc + ShortestCheckout;

    public async Task<StartedCheckout> StartCheckoutAsync(DepositCheckout checkout, string idempotencyKey, CancellationToken cancellationToken)
    {
        var sessions = new SessionService(Client());
        try
        {
            return await CreateSessionAsync(sessions, checkout, idempotencyKey, cancellationToken);
        }
        catch (StripeException ex) when (ex.HttpStatusCode == System.Net.HttpStatusCode.Conflict)
        {
            throw new CheckoutInProgressException($"Stripe is still answering another checkout request with key {idempotencyKey}.", ex);
        }
    }

    private static async Task<StartedCheckout> CreateSessionAsync(SessionService sessions, DepositCheckout checkout, string idempotencyKey, CancellationToken cancellationToken)
    {
        var session = await sessions.CreateAsync(
            new SessionCreateOptions
            {
                Mode = "payment",
                // A deposit must be paid while its seat is held: a method that settles days later (a SEPA or
                // ACH debit) completes the session unpaid, and the booking would lapse while the money came.
                AllowedPaymentMethodTypes = ["card"],
                ClientReferenceId = checkout.BookingId.ToString(),
                SuccessUrl = checkout.SuccessUrl.ToString(),
                CancelUrl = checkout.CancelUrl.ToString(),
                ExpiresAt = DateTime.SpecifyKind(checkout.ExpiresAtUtc, DateTimeKind.Utc),
                Metadata = new Dictionary<string, string> { ["confirmation_number"] = checkout.ConfirmationNumber },
                LineItems =
                [
                    new SessionLineItemOptions
                    {
                        Quantity = 1,
                        PriceData = new SessionLineItemPriceDataOptions
                        {
                            Currency = checkout.Currency.ToLowerInvariant(),
                            UnitAmount = StripeAmounts.ToMinorUnits(checkout.Amount, checkout.Currency),
                            ProductData = new SessionLineItemPriceDataProductDataOptions { Name = $"Deposit: {checkout.ServiceName} ({checkout.ConfirmationNumber})" },
                        },
                    },
                ],
            },
            new RequestOptions { IdempotencyKey = idempotencyKey },
            cancellationToken);
        return new StartedCheckout(session.Id, new Uri(session.Url));
    }

    /// <summary>
    /// The metadata field of a refund that holds the portal's idempotency key: Stripe forgets the key itself after 24
    /// hours, the refund's metadata it keeps, so a retry however late finds the refund an earlier attempt made.
    /// </summary>
    public const string RefundKeyMetadata = "portal_refund_key";

    public async Task<string> RefundAsync(string paymentReference, decimal amount, string currency, string idempotencyKey, bool isRetry, CancellationToken cancellationToken)
    {
        // No retries inside the client: the refund dispatcher retries with backoff, and a claim must
        // not be held through the client's own retry sleeps.
        var refunds = new RefundService(Client(maxNetworkRetries: 0));
        try
        {
            // A first attempt has nothing to find: only a retry costs the extra call.
            var refund = (isRetry ? await MadeEarlierAsync(refunds, paymentReference, idempotencyKey, cancellationToken) : null)
                ?? await refunds.CreateAsync(
                    new RefundCreateOptions
                    {
                        PaymentIntent = paymentReference,
                        Amount = StripeAmounts.ToMinorUnits(amount, currency),
                        Metadata = new Dictionary<string, string> { [RefundKeyMetadata] = idempotencyKey },
                    },
                    new RequestOptions { IdempotencyKey = idempotencyKey },
                    cancellationToken);
            // Stripe can answer 200 with a refund it has already given up on (the card or bank refused it):
            // that money was not returned, so staff must settle it, as with a refusal.
            if (refund.Status is "failed" or "canceled")
            {
                throw new RefundRejectedException($"Stripe answered refund {refund.Id} as {refund.Status}: {refund.FailureReason ?? "no reason given"}.");
            }

            return refund.Id;
        }
        catch (StripeException ex) when (IsFinalRefusal(ex.HttpStatusCode))
        {
            throw new RefundRejectedException($"Stripe refused the refund ({(int)ex.HttpStatusCode}): {ex.Message}", ex);
        }
    }

    public async Task<ProviderRefund> FindRefundAsync(string paymentReference, string providerRefundId, CancellationToken cancellationToken)
    {
        try
        {
            var refund = await new RefundService(Client(maxNetworkRetries: 0)).GetAsync(providerRefundId, cancellationToken: cancellationToken);
            return refund.PaymentIntentId != paymentReference ? new(ProviderRefundState.NotOfThisPayment)
                : refund.Status is "failed" or "canceled" ? new(ProviderRefundState.Failed, refund.FailureReason ?? refund.Status)
                : new(ProviderRefundState.Made);
        }
        catch (StripeException ex) when (ex.HttpStatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return new(ProviderRefundState.NotOfThisPayment);
        }
        catch (StripeException ex) when ((int)ex.HttpStatusCode is >= 400 and < 500 and not 408 and not 429)
        {
            // The lookup itself is refused (a restricted key that may not read refunds): asking again in a few minutes will
            // not help, so the id is recorded as typed, as on pay at reception; a later failure report still undoes it.
            return new(ProviderRefundState.Unknown);
        }
        catch (Exception ex) when (ex is StripeException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new(ProviderRefundState.Unreachable);
        }
    }

    /// <summary>The payment's refund that carries <paramref name="idempotencyKey"/> in its metadata, if an earlier attempt made one.</summary>
    private static async Task<Refund?> MadeEarlierAsync(RefundService refunds, string paymentIntent, string idempotencyKey, CancellationToken cancellationToken)
    {
        await foreach (var refund in refunds.ListAutoPagingAsync(new RefundListOptions { PaymentIntent = paymentIntent, Limit = 100 }, cancellationToken: cancellationToken))
        {
            if (refund.Metadata is { } metadata && metadata.TryGetValue(RefundKeyMetadata, out var key) && key == idempotencyKey)
            {
                return refund;
            }
        }

        return null;
    }

    /// <summary>
    /// 400 (already refunded, more than was charged), 402 and 404 (no such payment) will be the same
    /// answer next time. 409 (a request with this key still in flight), 429 and 5xx are worth retrying,
    /// and so are 401/403: an operator can fix the key.
    /// </summary>
    private static bool IsFinalRefusal(System.Net.HttpStatusCode status) =>
        status is System.Net.HttpStatusCode.BadRequest or System.Net.HttpStatusCode.PaymentRequired or System.Net.HttpStatusCode.NotFound;

    /// <param name="maxNetworkRetries">Null: the Stripe client's own default.</param>
    private StripeClient Client(int? maxNetworkRetries = null)
    {
        var stripe = options.Value.Stripe;
        var http = httpClients.CreateClient(nameof(StripeCardGateway));
        return new StripeClient(
            apiKey: stripe.SecretKey,
            httpClient: maxNetworkRetries is { } retries ? new SystemNetHttpClient(http, retries) : new SystemNetHttpClient(http),
            apiBase: stripe.ApiBase);
    }
}
