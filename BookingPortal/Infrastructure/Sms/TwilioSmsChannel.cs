using BookingPortal.Features.Notifications.Ports;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using NotificationChannel = BookingPortal.Domain.NotificationChannel;
using OutboxMessage = BookingPortal.Domain.OutboxMessage;

namespace BookingPortal.Infrastructure.Sms;

/// <summary>Text messages through Twilio's Messages API, with the official client.</summary>
public sealed class TwilioSmsChannel(IHttpClientFactory httpClients, IOptions<NotificationsOptions> options) : INotificationChannel
{
    public NotificationChannel Channel => NotificationChannel.Sms;

    public bool IsConfigured => options.Value.Twilio.IsConfigured;

    public async Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value.Twilio;
        var client = new TwilioRestClient(settings.AccountSid, settings.AuthToken, httpClient: new SystemNetHttpClient(httpClients.CreateClient(nameof(TwilioSmsChannel))));
        try
        {
            var sent = await MessageResource.CreateAsync(
                to: new Twilio.Types.PhoneNumber(message.Recipient), from: new Twilio.Types.PhoneNumber(settings.FromNumber), body: message.TextBody, client: client);
            return new DeliveryResult(DeliveryOutcome.Delivered, $"Accepted: {sent.Status}", sent.Sid);
        }
        catch (ApiException ex)
        {
            return new DeliveryResult(DeliveryResult.FromStatus(ex.Status), DeliveryResult.Truncate($"HTTP {ex.Status} code {ex.Code}: {ex.Message}"));
        }
        catch (ApiConnectionException ex)
        {
            return new DeliveryResult(DeliveryOutcome.RetryLater, DeliveryResult.Truncate(ex.Message));
        }
    }
}

/// <summary>
/// Twilio's client always builds https://api.twilio.com addresses; for a relay or a test
/// stand-in this sends the same request to the configured base URL instead.
/// </summary>
public sealed class TwilioBaseUrlHandler(IOptions<NotificationsOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (options.Value.Twilio.BaseUrl is { } baseUrl && request.RequestUri is { } original)
        {
            request.RequestUri = new Uri(new Uri(baseUrl), original.PathAndQuery);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
