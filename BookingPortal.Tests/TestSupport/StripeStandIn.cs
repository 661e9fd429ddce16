using System.Security.Cryptography;
using System.Text;

namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// A local stand-in for the Stripe endpoints the portal calls (checkout sessions, made, read and
/// expired; refunds, made and listed), on 127.0.0.1. It answers as Stripe does and records each request (form fields or query,
/// and headers) for the test to check.
/// </summary>
public sealed partial class StripeStandIn : IAsyncDisposable
{
    public const string SecretKey = "sk_test_standin";
    public const string WebhookSecret = "whsec_standin";

    private readonly WebApplication app;
    private readonly ConcurrentQueue<RefundAnswer> scriptedRefundAnswers = new();
    private readonly CancellationTokenSource stopping = new();

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public string BaseUrl { get; }

    /// <summary>When set, refunds are refused the way Stripe refuses them (HTTP 400 with an error body).</summary>
    public bool RefuseRefunds { get; set; }

    /// <summary>When set, Stripe's end is down for checkout sessions (HTTP 500, no session).</summary>
    public bool CheckoutOutage { get; set; }

    /// <summary>
    /// Stripe's clock, when the test sets it: a checkout asked to close less than 30 minutes from now is refused, as
    /// Stripe refuses it (HTTP 400, nothing saved under its key).
    /// </summary>
    public Func<DateTimeOffset>? Now { get; set; }

    private readonly ConcurrentDictionary<string, (string Parameters, int Status, string Body)> checkoutsByKey = new();

    /// <summary>When set, checkout requests never reach Stripe's API (a 503 from in front of it): nothing is saved under their key.</summary>
    public bool CheckoutUnreachable { get; set; }

    /// <summary>When set, Stripe's end is down for refunds (HTTP 500, nothing refunded): a failure to try again.</summary>
    public bool RefundOutage { get; set; }

    /// <summary>When set, the key may not read refunds (a restricted key): looking one up answers 403, as Stripe does.</summary>
    public bool RefundReadsForbidden { get; set; }

    /// <summary>How the next refund requests are answered, in order; once the script runs out, refunds succeed.</summary>
    public enum RefundAnswer
    {
        Succeed,

        /// <summary>HTTP 500, refund not made.</summary>
        ServerError,

        /// <summary>Never answers (until the caller gives up); the refund is not made.</summary>
        HangWithoutRefunding,

        /// <summary>Makes the refund, then never answers: the caller times out on a refund that happened.</summary>
        RefundThenHang,

        /// <summary>HTTP 200 with a refund whose status is "failed" (the customer's card refused it).</summary>
        AnswerFailed,
    }

    public void ScriptRefunds(params RefundAnswer[] answers)
    {
        foreach (var answer in answers)
        {
            scriptedRefundAnswers.Enqueue(answer);
        }
    }

    /// <summary>A refund the stand-in made: its id, the payment, the amount in cents, the key it was asked with, and its JSON.</summary>
    public sealed record MadeRefund(string Id, string PaymentIntent, string Amount, string IdempotencyKey, string Json);

    /// <summary>
    /// The refunds Stripe would really have made, in order. As Stripe does, a request with a key it still remembers
    /// gets the first answer again and makes no second refund; once it has forgotten the key, it makes another.
    /// </summary>
    public ConcurrentQueue<MadeRefund> RefundsMade { get; } = new();

    /// <summary>What Stripe remembers of refund requests' idempotency keys, for 24 hours (<see cref="ForgetIdempotencyKeys"/>).</summary>
    private readonly Dictionary<string, MadeRefund> refundsByKey = [];

    /// <summary>As Stripe does 24 hours after a key was first used: a request with a forgotten key is a new request.</summary>
    public void ForgetIdempotencyKeys()
    {
        lock (refundsByKey)
        {
            refundsByKey.Clear();
        }
    }

    /// <summary>Refunds staff made in Stripe's dashboard, by id: Stripe knows them, the portal only once staff record them.</summary>
    private readonly ConcurrentDictionary<string, string> dashboardRefunds = new();

    /// <summary>A refund staff made in Stripe's dashboard for <paramref name="paymentIntent"/>; "failed" when the card refused it at once.</summary>
    public void MadeInDashboard(string refundId, string paymentIntent, string status = "succeeded") =>
        dashboardRefunds[refundId] = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = refundId,
            ["object"] = "refund",
            ["status"] = status,
            ["failure_reason"] = status == "failed" ? "expired_or_canceled_card" : null,
            ["amount"] = 5000,
            ["currency"] = "usd",
            ["payment_intent"] = paymentIntent,
        });

    /// <summary>Released once for every refund request that is being held unanswered, so a test knows it has arrived.</summary>
    public SemaphoreSlim HeldRefunds { get; } = new(0);

    /// <summary>Runs when a refund request arrives, before it is answered.</summary>
    public Action? OnRefundRequest { get; set; }

    /// <summary>Requests to make a refund.</summary>
    public IReadOnlyList<RecordedRequest> RefundRequests => Requests.Where(r => r.Path == "/v1/refunds" && r.Method == "POST").ToList();

    /// <summary>Requests to list refunds (a retry looking for the refund an earlier attempt made).</summary>
    public IReadOnlyList<RecordedRequest> RefundLists => Requests.Where(r => r.Path == "/v1/refunds" && r.Method == "GET").ToList();

    private StripeStandIn(WebApplication app, string baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    /// <param name="Form">The form fields of a POST, or the query of a GET.</param>
    public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Form, string? IdempotencyKey, string? Authorization);

    /// <summary>
    /// As Stripe keeps an idempotency key's first result (a 500 included, once the request began to run): the same key
    /// gets it again with the same parameters, and an idempotency_error with others. A request refused as invalid
    /// saves nothing.
    /// </summary>
    private (int Status, string Body) AnswerCheckout(RecordedRequest recorded)
    {
        if (CheckoutUnreachable)
        {
            return (503, """{"error":{"type":"api_error","message":"Service unavailable."}}""");
        }

        var key = recorded.IdempotencyKey ?? Guid.NewGuid().ToString();
        var parameters = string.Join('&', recorded.Form.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"));
        if (checkoutsByKey.TryGetValue(key, out var saved))
        {
            return saved.Parameters == parameters
                ? (saved.Status, saved.Body)
                : (400, """{"error":{"type":"idempotency_error","message":"Keys for idempotent requests can only be used with the same parameters they were first used with."}}""");
        }

        if (Now is { } now && long.Parse(recorded.Form["expires_at"], System.Globalization.CultureInfo.InvariantCulture) < now().AddMinutes(30).ToUnixTimeSeconds())
        {
            return (400, """{"error":{"type":"invalid_request_error","param":"expires_at","message":"The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation."}}""");
        }

        var id = $"cs_test_{key}";
        var answer = CheckoutOutage
            ? (Parameters: parameters, Status: 500, Body: """{"error":{"type":"api_error","message":"An unknown error occurred."}}""")
            : (Parameters: parameters, Status: 200, Body: $$"""{"id":"{{id}}","object":"checkout.session","url":"https://checkout.stripe.test/pay/{{id}}","payment_status":"unpaid"}""");
        saved = checkoutsByKey.GetOrAdd(key, answer);
        if (saved.Status == 200)
        {
            OpenSession(id, recorded.Form);
        }

        return (saved.Status, saved.Body);
    }

    public static async Task<StripeStandIn> StartAsync()
    {
        StripeStandIn? standIn = null;
        var (app, baseUrl) = await LocalStandIn.StartAsync(endpoints =>
        {
            endpoints.MapPost("/v1/checkout/sessions", async (HttpRequest request) =>
            {
                var recorded = await standIn!.RecordAsync(request);
                var (status, body) = standIn.AnswerCheckout(recorded);
                // Made (by Stripe's clock when it arrived), its answer slow to come back.
                if (standIn.AnswerCheckoutsAfter is { } gate)
                {
                    standIn.CheckoutRequestsArrived.Release();
                    await gate;
                }

                return Results.Text(body, "application/json", statusCode: status);
            });
            MapSessionEndpoints(endpoints, () => standIn!);
            endpoints.MapPost("/v1/refunds", async (HttpRequest request) =>
            {
                var recorded = await standIn!.RecordAsync(request);
                standIn.OnRefundRequest?.Invoke();
                if (standIn.RefuseRefunds)
                {
                    return Results.Text("""{"error":{"type":"invalid_request_error","message":"Charge already refunded."}}""", "application/json", statusCode: 400);
                }

                var answer = standIn.RefundOutage ? RefundAnswer.ServerError
                    : standIn.scriptedRefundAnswers.TryDequeue(out var scripted) ? scripted : RefundAnswer.Succeed;
                if (answer == RefundAnswer.ServerError)
                {
                    return Results.Text("""{"error":{"type":"api_error","message":"Something went wrong on Stripe's end."}}""", "application/json", statusCode: 500);
                }

                if (answer == RefundAnswer.HangWithoutRefunding)
                {
                    await standIn.HoldUntilAbandonedAsync(request);
                    return Results.StatusCode(504);
                }

                var made = standIn.MakeRefund(recorded, failed: answer == RefundAnswer.AnswerFailed);
                if (answer == RefundAnswer.RefundThenHang)
                {
                    await standIn.HoldUntilAbandonedAsync(request);
                }

                return Results.Text(made.Json, "application/json");
            });
            endpoints.MapGet("/v1/refunds", async (HttpRequest request) =>
            {
                var recorded = await standIn!.RecordAsync(request);
                if (standIn.RefundOutage)
                {
                    return Results.Text("""{"error":{"type":"api_error","message":"Something went wrong on Stripe's end."}}""", "application/json", statusCode: 500);
                }

                // Newest first, as Stripe lists them; all on one page.
                var refunds = standIn.RefundsMade.Where(r => !recorded.Form.TryGetValue("payment_intent", out var paymentIntent) || r.PaymentIntent == paymentIntent).Reverse();
                return Results.Text($$"""{"object":"list","url":"/v1/refunds","has_more":false,"data":[{{string.Join(',', refunds.Select(r => r.Json))}}]}""", "application/json");
            });
            endpoints.MapGet("/v1/refunds/{id}", async (HttpRequest request, string id) =>
            {
                await standIn!.RecordAsync(request);
                if (standIn.RefundOutage)
                {
                    return Results.Text("""{"error":{"type":"api_error","message":"Something went wrong on Stripe's end."}}""", "application/json", statusCode: 500);
                }

                if (standIn.RefundReadsForbidden)
                {
                    return Results.Text("""{"error":{"type":"invalid_request_error","message":"The provided key does not have the required permissions for this endpoint."}}""", "application/json", statusCode: 403);
                }

                var json = standIn.RefundsMade.FirstOrDefault(r => r.Id == id)?.Json ?? standIn.dashboardRefunds.GetValueOrDefault(id);
                return json is not null
                    ? Results.Text(json, "application/json")
                    : Results.Text($$$"""{"error":{"type":"invalid_request_error","code":"resource_missing","param":"id","message":"No such refund: '{{{id}}}'"}}""", "application/json", statusCode: 404);
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

    /// <param name="amountMinorUnits">In Stripe's smallest unit of <paramref name="currency"/>: cents, or yen.</param>
    public static string CheckoutCompletedEvent(string eventId, Guid bookingId, string paymentIntent, long amountMinorUnits, string currency = "usd") =>
        StripeEvent(eventId, "checkout.session.completed", new Dictionary<string, object?>
        {
            ["id"] = $"cs_test_{bookingId:N}",
            ["object"] = "checkout.session",
            ["client_reference_id"] = bookingId.ToString(),
            ["payment_intent"] = paymentIntent,
            ["payment_status"] = "paid",
            ["amount_total"] = amountMinorUnits,
            ["currency"] = currency,
            ["mode"] = "payment",
        });

    private static string StripeEvent(string eventId, string type, Dictionary<string, object?> dataObject) =>
        System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = eventId,
            ["object"] = "event",
            ["api_version"] = "2025-01-27.acacia",
            ["type"] = type,
            ["created"] = 1767225600,
            ["data"] = new Dictionary<string, object> { ["object"] = dataObject },
        });

    /// <summary>A refund Stripe had accepted and reports failed later, as <paramref name="type"/> (refund.failed, or charge.refund.updated on older API versions).</summary>
    public static string RefundFailedEvent(string eventId, string refundId, string paymentIntent, long amountCents, string type = "refund.failed", string status = "failed") =>
        StripeEvent(eventId, type, new Dictionary<string, object?>
        {
            ["id"] = refundId,
            ["object"] = "refund",
            ["payment_intent"] = paymentIntent,
            ["amount"] = amountCents,
            ["currency"] = "usd",
            ["status"] = status,
            ["failure_reason"] = status == "failed" ? "expired_or_canceled_card" : null,
        });

    /// <summary>Sends a webhook body signed with the endpoint secret, as Stripe does, or with the <paramref name="signature"/> given.</summary>
    public static Task<HttpResponseMessage> PostWebhookAsync(HttpClient client, string payload, string? signature = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Features.Payments.PaymentEndpoints.StripeWebhookPath) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", signature ?? Sign(payload));
        return client.SendAsync(request);
    }

    /// <summary>
    /// The refund a request makes, or the one Stripe made under its key while it remembers the key. Its id is re_ and
    /// the amount in cents, with the count after it from the second refund of that amount on (re_5000, re_5000r2…).
    /// The portal's key comes back in the refund's metadata, where the portal wrote it.
    /// </summary>
    private MadeRefund MakeRefund(RecordedRequest recorded, bool failed)
    {
        lock (refundsByKey)
        {
            var key = recorded.IdempotencyKey ?? Guid.NewGuid().ToString();
            if (refundsByKey.TryGetValue(key, out var saved))
            {
                return saved;
            }

            var amount = recorded.Form["amount"];
            var sameAmount = RefundsMade.Count(r => r.Amount == amount);
            var id = sameAmount == 0 ? $"re_{amount}" : $"re_{amount}r{sameAmount + 1}";
            var json = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["id"] = id,
                ["object"] = "refund",
                ["status"] = failed ? "failed" : "succeeded",
                ["failure_reason"] = failed ? "expired_or_canceled_card" : null,
                ["amount"] = long.Parse(amount, System.Globalization.CultureInfo.InvariantCulture),
                ["currency"] = "usd",
                ["payment_intent"] = recorded.Form["payment_intent"],
                ["metadata"] = recorded.Form.Where(f => f.Key.StartsWith("metadata[", StringComparison.Ordinal))
                    .ToDictionary(f => f.Key["metadata[".Length..^1], f => f.Value),
            });
            var made = new MadeRefund(id, recorded.Form["payment_intent"], amount, key, json);
            RefundsMade.Enqueue(made);
            refundsByKey[key] = made;
            return made;
        }
    }

    private async Task<RecordedRequest> RecordAsync(HttpRequest request)
    {
        var fields = request.HasFormContentType
            ? (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString())
            : request.Query.ToDictionary(f => f.Key, f => f.Value.ToString());
        var recorded = new RecordedRequest(
            request.Method,
            request.Path,
            fields,
            request.Headers["Idempotency-Key"].FirstOrDefault(),
            request.Headers.Authorization.FirstOrDefault());
        Requests.Enqueue(recorded);
        return recorded;
    }

    private async Task HoldUntilAbandonedAsync(HttpRequest request)
    {
        using var abandoned = CancellationTokenSource.CreateLinkedTokenSource(request.HttpContext.RequestAborted, stopping.Token);
        HeldRefunds.Release();
        try
        {
            await Task.Delay(Timeout.Infinite, abandoned.Token);
        }
        catch (OperationCanceledException)
        {
            // The caller gave up (or the stand-in is stopping): nobody reads this answer.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await app.DisposeAsync();
        stopping.Dispose();
        HeldRefunds.Dispose();
    }
}

/// <summary>The portal with the Stripe gateway pointed at a stand-in, plus any settings a test adds.</summary>
public sealed class StripePortalFactory(StripeStandIn stripe, params KeyValuePair<string, string>[] settings) : PortalFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() =>
    [
        new("Payments:Gateway", "Stripe"),
        new("Payments:Stripe:SecretKey", StripeStandIn.SecretKey),
        new("Payments:Stripe:WebhookSecret", StripeStandIn.WebhookSecret),
        new("Payments:Stripe:ApiBase", stripe.BaseUrl),
        .. settings,
    ];
}
