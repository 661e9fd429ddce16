namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// The stand-in's Checkout Sessions as Stripe keeps them: open until paid (complete), expired by a call, or past their
/// expires_at (by <see cref="StripeStandIn.Now"/> when set). Only an open session can be paid or expired.
/// </summary>
public sealed partial class StripeStandIn
{
    private sealed class Session(string id, string bookingId, long expiresAt, long amountTotal, string currency)
    {
        public string Id { get; } = id;
        public string BookingId { get; } = bookingId;
        public long ExpiresAt { get; } = expiresAt;
        public long AmountTotal { get; } = amountTotal;
        public string Currency { get; } = currency;
        public string Status { get; set; } = "open";
        public string? PaymentIntent { get; set; }
    }

    private readonly ConcurrentDictionary<string, Session> sessions = new();

    /// <summary>When set, a request to open a session (made at once) is answered only once this task completes: a slow answer.</summary>
    public Task? AnswerCheckoutsAfter { get; set; }

    /// <summary>Released once for every request to open a session that is waiting for <see cref="AnswerCheckoutsAfter"/>.</summary>
    public SemaphoreSlim CheckoutRequestsArrived { get; } = new(0);

    /// <summary>Runs when a request to expire a session arrives, before it is answered.</summary>
    public Action? OnExpireRequest { get; set; }

    /// <summary>Requests to expire a session.</summary>
    public IReadOnlyList<RecordedRequest> ExpireRequests => Requests.Where(r => r.Path.EndsWith("/expire", StringComparison.Ordinal)).ToList();

    private void OpenSession(string id, IReadOnlyDictionary<string, string> form) =>
        sessions.TryAdd(id, new Session(
            id,
            form["client_reference_id"],
            long.Parse(form["expires_at"], System.Globalization.CultureInfo.InvariantCulture),
            long.Parse(form["line_items[0][price_data][unit_amount]"], System.Globalization.CultureInfo.InvariantCulture),
            form["line_items[0][price_data][currency]"]));

    /// <summary>The id of the session opened for <paramref name="bookingId"/> (there is one per key; the test's booking has one).</summary>
    public string SessionOf(Guid bookingId) => sessions.Values.Single(s => s.BookingId == bookingId.ToString()).Id;

    /// <summary>The session's status as Stripe would answer it now: open, complete or expired.</summary>
    public string StatusOf(string sessionId)
    {
        var session = sessions[sessionId];
        lock (session)
        {
            return CurrentStatus(session);
        }
    }

    /// <summary>
    /// The customer pays on Stripe's page: true when the session was open (it is now complete, paid by
    /// <paramref name="paymentIntent"/>); false when Stripe would refuse the payment (expired, or paid already).
    /// </summary>
    public bool Pay(string sessionId, string paymentIntent)
    {
        var session = sessions[sessionId];
        lock (session)
        {
            if (CurrentStatus(session) != "open")
            {
                return false;
            }

            session.Status = "complete";
            session.PaymentIntent = paymentIntent;
            return true;
        }
    }

    /// <summary>The checkout.session.completed event Stripe sends for a session paid with <see cref="Pay"/>.</summary>
    public string PaidEvent(string eventId, string sessionId)
    {
        var session = sessions[sessionId];
        return StripeEvent(eventId, "checkout.session.completed", SessionFields(session));
    }

    private string CurrentStatus(Session session) =>
        session.Status == "open" && Now is { } now && now().ToUnixTimeSeconds() >= session.ExpiresAt ? "expired" : session.Status;

    private Dictionary<string, object?> SessionFields(Session session)
    {
        lock (session)
        {
            var status = CurrentStatus(session);
            return new Dictionary<string, object?>
            {
                ["id"] = session.Id,
                ["object"] = "checkout.session",
                ["client_reference_id"] = session.BookingId,
                ["status"] = status,
                ["payment_status"] = status == "complete" ? "paid" : "unpaid",
                ["payment_intent"] = session.PaymentIntent,
                ["amount_total"] = session.AmountTotal,
                ["currency"] = session.Currency,
                ["expires_at"] = session.ExpiresAt,
                ["mode"] = "payment",
            };
        }
    }

    private static IResult Json(object? value, int status = 200) =>
        Results.Text(System.Text.Json.JsonSerializer.Serialize(value), "application/json", statusCode: status);

    private static IResult NoSuchSession(string id) =>
        Json(new { error = new { type = "invalid_request_error", code = "resource_missing", param = "session", message = $"No such checkout.session: '{id}'" } }, 404);

    private static void MapSessionEndpoints(WebApplication endpoints, Func<StripeStandIn> standIn)
    {
        endpoints.MapGet("/v1/checkout/sessions/{id}", async (HttpRequest request, string id) =>
        {
            var stripe = standIn();
            await stripe.RecordAsync(request);
            return stripe.CheckoutUnreachable ? Json(new { error = new { type = "api_error", message = "Service unavailable." } }, 503)
                : stripe.sessions.TryGetValue(id, out var session) ? Json(stripe.SessionFields(session))
                : NoSuchSession(id);
        });
        endpoints.MapPost("/v1/checkout/sessions/{id}/expire", async (HttpRequest request, string id) =>
        {
            var stripe = standIn();
            await stripe.RecordAsync(request);
            stripe.OnExpireRequest?.Invoke();
            if (stripe.CheckoutUnreachable)
            {
                return Json(new { error = new { type = "api_error", message = "Service unavailable." } }, 503);
            }

            if (!stripe.sessions.TryGetValue(id, out var session))
            {
                return NoSuchSession(id);
            }

            lock (session)
            {
                var status = stripe.CurrentStatus(session);
                if (status != "open")
                {
                    return Json(new { error = new { type = "invalid_request_error", message = $"Only Checkout Sessions with a status in [\"open\"] can be expired. This session has a status of \"{status}\"." } }, 400);
                }

                session.Status = "expired";
            }

            return Json(stripe.SessionFields(session));
        });
    }
}
