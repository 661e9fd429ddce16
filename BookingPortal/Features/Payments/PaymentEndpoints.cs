using BookingPortal.Features.Payments.Ports;

namespace BookingPortal.Features.Payments;

public static class PaymentEndpoints
{
    public const string StripeWebhookPath = "/payments/stripe/webhook";

    public static IEndpointRouteBuilder MapPaymentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(StripeWebhookPath, ReceiveStripeEventAsync).AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }

    /// <summary>
    /// Only notices whose signature checks out against the webhook secret are believed (see IPaymentNotices). Heard while
    /// the secret is set, whichever gateway takes new deposits: a clinic switched back to reception still has Stripe
    /// checkouts open (up to 23 hours) and refunds on their way, and a 404 lost a late payment without a trace.
    /// </summary>
    private static async Task<IResult> ReceiveStripeEventAsync(
        HttpRequest request, IOptions<PaymentsOptions> options, IPaymentNotices notices, PaymentService payments, RefundReturns returns, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.Stripe.WebhookSecret))
        {
            return Results.NotFound();
        }

        using var reader = new StreamReader(request.Body);
        switch (notices.Read(await reader.ReadToEndAsync(cancellationToken), request.Headers["Stripe-Signature"].ToString()))
        {
            case PaymentNotice.Refused refused:
                loggers.CreateLogger(typeof(PaymentEndpoints)).LogWarning("Rejected a Stripe webhook: {Reason}", refused.Reason);
                return Results.BadRequest();
            case PaymentNotice.DepositPaid paid:
                await payments.RecordDepositPaidAsync(paid.BookingId, paid.PaymentReference, paid.Amount, cancellationToken);
                break;
            case PaymentNotice.RefundFailed failed:
                var outcome = await returns.RecordFailedAfterAcceptanceAsync(failed.ProviderRefundId, failed.PaymentReference, failed.FailureReason, cancellationToken);
                // Stripe delivers a webhook again, for days, until it is answered 2xx: by then the refund has its id.
                // The problem's text is what Stripe's dashboard shows for the delivery.
                return outcome == RefundReturnOutcome.NotKnownYet
                    ? Results.Problem("The refund this reports on is still being sent: deliver it again later.", statusCode: StatusCodes.Status503ServiceUnavailable)
                    : Results.Ok();
        }

        return Results.Ok();
    }
}
