using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// A local stand-in for the two Stripe endpoints the portal calls, on 127.0.0.1. It answers as
/// Stripe does and records each request (form fields and headers) for the test to check.
/// </summary>
public sealed class StripeStandIn : IAsyncDisposable
{
    public const string SecretKey = "sk_test_standin";
    public const string WebhookSecret = "whsec_standin";

    private readonly WebApplication app;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public string BaseUrl { get; }

    /// <summary>When set, refunds are refused the way Stripe refuses them (HTTP 400 with an error body).</summary>
    public bool RefuseRefunds { get; set; }

    private StripeStandIn(WebApplication app, string baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public sealed record RecordedRequest(string Path, IReadOnlyDictionary<string, string> Form, string? IdempotencyKey, string? Authorization);

    public static async Task<StripeStandIn> StartAsync()
    {
        StripeStandIn? standIn = null;
        var (app, baseUrl) = await LocalStandIn.StartAsync(endpoints =>
        {
            endpoints.MapPost("/v1/checkout/sessions", async (HttpRequest request) =>
            {
                var recorded = await standIn!.RecordAsync(request);
                var id = $"cs_test_{recorded.IdempotencyKey}";
                return Results.Text($$"""{"id":"{{id}}","object":"checkout.session","url":"https://checkout.stripe.test/pay/{{id}}","payment_status":"unpaid"}""", "application/json");
            });
            endpoints.MapPost("/v1/refunds", async (HttpRequest request) =>
            {
                var recorded = await standIn!.RecordAsync(request);
                if (standIn.RefuseRefunds)
                {
                    return Results.Text("""{"error":{"type":"invalid_request_error","message":"Charge already refunded."}}""", "application/json", statusCode: 400);
                }

                return Results.Text($$"""{"id":"re_{{recorded.Form["amount"]}}","object":"refund","status":"succeeded","amount":{{recorded.Form["amount"]}}}""", "application/json");
            });
        });
        standIn = new StripeStandIn(app, baseUrl);
        return standIn;
    }

    /// <summary>Signs a webhook body the way Stripe does: HMAC-SHA256 of "timestamp.body" with the endpoint secret.</summary>
    public static string Sign(string payload, string secret = WebhookSecret)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}")));
        return $"t={timestamp},v1={signature}";
    }

    public static string CheckoutCompletedEvent(string eventId, Guid bookingId, string paymentIntent, long amountCents) =>
        System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = eventId,
            ["object"] = "event",
            ["api_version"] = "2025-01-27.acacia",
            ["type"] = "checkout.session.completed",
            ["created"] = 1767225600,
            ["data"] = new Dictionary<string, object>
            {
                ["object"] = new Dictionary<string, object>
                {
                    ["id"] = $"cs_test_{bookingId:N}",
                    ["object"] = "checkout.session",
                    ["client_reference_id"] = bookingId.ToString(),
                    ["payment_intent"] = paymentIntent,
                    ["payment_status"] = "paid",
                    ["amount_total"] = amountCents,
                    ["currency"] = "usd",
                    ["mode"] = "payment",
                },
            },
        });

    private async Task<RecordedRequest> RecordAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var recorded = new RecordedRequest(
            request.Path,
            form.ToDictionary(f => f.Key, f => f.Value.ToString()),
            request.Headers["Idempotency-Key"].FirstOrDefault(),
            request.Headers.Authorization.FirstOrDefault());
        Requests.Enqueue(recorded);
        return recorded;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}

/// <summary>The portal with the Stripe gateway pointed at a stand-in.</summary>
public sealed class StripePortalFactory(StripeStandIn stripe) : PortalFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() =>
    [
        new("Payments:Gateway", "Stripe"),
        new("Payments:Stripe:SecretKey", StripeStandIn.SecretKey),
        new("Payments:Stripe:WebhookSecret", StripeStandIn.WebhookSecret),
        new("Payments:Stripe:ApiBase", stripe.BaseUrl),
    ];
}
