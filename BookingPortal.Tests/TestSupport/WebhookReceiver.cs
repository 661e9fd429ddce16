using BookingPortal.Features.Webhooks.Ports;

namespace BookingPortal.Tests.TestSupport;

/// <summary>One request the receiver saw: the event, whether its signature checked out, and what it answered.</summary>
public sealed record ReceivedWebhook(string EventId, string EventType, string Body, bool SignatureValid, int AnsweredStatus);

/// <summary>
/// A webhook receiver on 127.0.0.1 that checks every signature with the endpoint's secret, the
/// way the README tells integrators to. It answers 500 to the first <see cref="FailFirstAttempts"/>
/// requests for each event id, then 200.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, int> seen = new();
    private Microsoft.AspNetCore.Builder.WebApplication app = null!;

    public string Url { get; private set; } = "";

    /// <summary>Set once the endpoint is registered (the portal makes the secret).</summary>
    public string Secret { get; set; } = "";

    public int FailFirstAttempts { get; set; }

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>Events answered 200, by event id: a correct sender makes each exactly 1.</summary>
    public IReadOnlyDictionary<string, int> Accepted =>
        Received.Where(r => r.AnsweredStatus == 200).GroupBy(r => r.EventId).ToDictionary(g => g.Key, g => g.Count());

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        (receiver.app, var baseUrl) = await LocalStandIn.StartAsync(app => app.MapPost("/hooks", receiver.HandleAsync));
        receiver.Url = baseUrl + "/hooks";
        return receiver;
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var eventId = request.Headers[WebhookSignature.EventIdHeader].ToString();
        // The portal signs with its own (test) clock, so the check accepts any age; the tolerance is tested in the unit tests.
        var valid = WebhookSignature.Verify(Secret, request.Headers[WebhookSignature.Header].ToString(), body, DateTimeOffset.UtcNow, TimeSpan.FromDays(3650));
        var attempt = seen.AddOrUpdate(eventId, 1, (_, n) => n + 1);
        var status = !valid ? 400 : attempt <= FailFirstAttempts ? 500 : 200;
        Received.Enqueue(new ReceivedWebhook(eventId, request.Headers[WebhookSignature.EventTypeHeader].ToString(), body, valid, status));
        return Results.StatusCode(status);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
