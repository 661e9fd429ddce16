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

    /// <summary>Characters of a receiver's answer read and kept with the attempt; the rest is not read.</summary>
    public const int AnswerCharsRead = 1000;

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
        var client = clients.CreateClient(ClientName);
        // Headers first: the status decides the outcome, and only the start of the body is worth keeping.
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var body = await ReadStartAsync(response.Content, client.Timeout, cancellationToken);
        var status = (int)response.StatusCode;
        return new DeliveryResult(DeliveryResult.FromStatus(status), DeliveryResult.Truncate($"{status} {response.ReasonPhrase}: {body}"));
    }

    /// <summary>
    /// The first <see cref="AnswerCharsRead"/> characters of an answer, so a receiver streaming a huge (or endless) body
    /// costs a few kilobytes. The client's timeout stops at the headers once they are read first, so the body gets
    /// <paramref name="timeout"/> again; one that stalls or breaks off is kept as far as it came, the status line having
    /// already said whether the event was taken.
    /// </summary>
    private async Task<string> ReadStartAsync(HttpContent content, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var answer = new char[AnswerCharsRead];
        var read = 0;
        try
        {
            await using var stream = await content.ReadAsStreamAsync(linked.Token);
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1024);
            int chunk;
            while (read < answer.Length && (chunk = await reader.ReadAsync(answer.AsMemory(read), linked.Token)) > 0)
            {
                read += chunk;
            }
        }
        catch (Exception e) when ((e is OperationCanceledException or IOException or HttpRequestException) && !cancellationToken.IsCancellationRequested)
        {
            // Only the answer's text is lost; the dispatcher's own cancellation (shutdown) still ends the attempt.
        }

        return new string(answer, 0, read);
    }
}
