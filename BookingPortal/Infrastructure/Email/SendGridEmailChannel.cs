using BookingPortal.Features.Notifications.Ports;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace BookingPortal.Infrastructure.Email;

/// <summary>E-mail through SendGrid's v3 mail/send API, with the official client.</summary>
public sealed class SendGridEmailChannel(IHttpClientFactory httpClients, IOptions<NotificationsOptions> options) : INotificationChannel
{
    public NotificationChannel Channel => NotificationChannel.Email;

    public bool IsConfigured => options.Value.SendGrid.IsConfigured;

    public async Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value.SendGrid;
        var clientOptions = new SendGridClientOptions { ApiKey = settings.ApiKey };
        if (settings.BaseUrl is { } baseUrl)
        {
            clientOptions.Host = baseUrl.TrimEnd('/');
        }

        var client = new SendGridClient(httpClients.CreateClient(nameof(SendGridEmailChannel)), clientOptions);
        var mail = MailHelper.CreateSingleEmail(
            new EmailAddress(settings.FromEmail, settings.FromName), new EmailAddress(message.Recipient), message.Subject, message.TextBody, message.HtmlBody);
        if (message.AttachmentContent is { } content)
        {
            mail.AddAttachment(message.AttachmentFileName, Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(content)), message.AttachmentContentType, "attachment");
        }

        // If a crash ever makes us send twice, SendGrid's activity feed shows both under one outbox id.
        mail.AddCustomArg("outbox_id", message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var response = await client.SendEmailAsync(mail, cancellationToken);
        var body = await response.Body.ReadAsStringAsync(cancellationToken);
        var status = (int)response.StatusCode;
        var messageId = response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null;
        return new DeliveryResult(DeliveryResult.FromStatus(status), DeliveryResult.Truncate($"HTTP {status} {body}".Trim()), messageId);
    }
}
