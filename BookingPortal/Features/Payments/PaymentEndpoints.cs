using BookingPortal.Features.Payments.Ports;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace BookingPortal.Features.Payments;

public static class PaymentEndpoints
{
    public const string StripeWebhookPath = "/payments/stripe/webhook";

    public static IEndpointRouteBuilder MapPaymentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(StripeWebhookPath, ReceiveStripeEventAsync).AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }

    /// <summary>Only events whose Stripe-Signature checks out against the webhook secret are believed.</summary>
    private static async Task<IResult> ReceiveStripeEventAsync(
        HttpRequest request, IOptions<PaymentsOptions> options, PaymentService payments, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (options.Value.Gateway != PaymentGatewayKind.Stripe)
        {
            return Results.NotFound();
        }

        using var reader = new StreamReader(request.Body);
        var json = await reader.ReadToEndAsync(cancellationToken);
        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(json, request.Headers["Stripe-Signature"], options.Value.Stripe.WebhookSecret, throwOnApiVersionMismatch: false);
        }
        catch (StripeException ex)
        {
            loggers.CreateLogger(typeof(PaymentEndpoints)).LogWarning("Rejected a Stripe webhook: {Reason}", ex.Message);
            return Results.BadRequest();
        }

        if (stripeEvent.Type == EventTypes.CheckoutSessionCompleted
            && stripeEvent.Data.Object is Session { PaymentStatus: "paid" } session
            && Guid.TryParse(session.ClientReferenceId, out var bookingId))
        {
            await payments.RecordDepositPaidAsync(bookingId, session.PaymentIntentId ?? session.Id, (session.AmountTotal ?? 0) / 100m, cancellationToken);
        }

        return Results.Ok();
    }
}
