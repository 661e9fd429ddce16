using BookingPortal.Features.Notifications.Ports;
using BookingPortal.Features.Webhooks.Ports;

namespace BookingPortal.Infrastructure.Webhooks;

/// <summary>
/// Delivers webhook rows of the outbox: a POST of the stored JSON body, signed at send time with
/// the endpoint's secret and the current time. The dispatcher's claim makes each attempt
/// exclusive; receivers should still de-duplicate on the event id header, as with any webhook.
/// </summary>
public sealed class WebhookChannel(IHttpClientFactory clients, IDbContextFactory<BookingDbContext> dbFactory, WebhookSecrets secrets, TimeProvider time) : INotificationChannel
{
    public const string ClientName = "Webhooks";

    public NotificationChannel Channel => NotificationChannel.Webhook;

    /// <summary>Always on: a row exists only because staff registered an endpoint.</summary>
    public bool IsConfigured => true;

    public async Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.WebhookEndpoints.AsNoTracking().Where(e => e.Id == message.WebhookEndpointId).Select(e => e.Secret).SingleAsync(cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, message.Recipient)
        {
            Content = new StringContent(message.TextBody, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.EventIdHeader, WebhookSignature.EventIdOf(message.TextBody)
            ?? throw new InvalidOperationException($"Outbox message {message.Id} has no event body; the dispatcher skips emptied rows."));
        request.Headers.Add(WebhookSignature.EventTypeHeader, message.Subject);
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(secrets.Reveal(stored), time.GetUtcNow(), message.TextBody));
        using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var status = (int)response.StatusCode;
        return new DeliveryResult(DeliveryResult.FromStatus(status), DeliveryResult.Truncate($"{status} {response.ReasonPhrase}: {body}"));
    }
}
