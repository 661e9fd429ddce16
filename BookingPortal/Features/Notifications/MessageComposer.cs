using BookingPortal.Features.Notifications.Templates;

namespace BookingPortal.Features.Notifications;

/// <summary>A message ready to store: subject, HTML and plain-text parts, the text message, and the template version it came from.</summary>
public sealed record ComposedMessage(string Subject, string Html, string Text, string Sms, long? TemplateId = null)
{
    /// <summary>The outbox row that sends it on <paramref name="channel"/> (the text body a text's, the HTML body only an e-mail's), due now.</summary>
    public OutboxMessage ToOutbox(NotificationKind kind, string customerId, string eventKey, NotificationChannel channel, string recipient, DateTime nowUtc) => new()
    {
        EventKey = eventKey,
        Kind = kind,
        Channel = channel,
        CustomerId = customerId,
        Recipient = recipient,
        Subject = Subject,
        TextBody = channel == NotificationChannel.Sms ? Sms : Text,
        HtmlBody = channel == NotificationChannel.Email ? Html : null,
        MessageTemplateId = TemplateId,
        Status = OutboxStatus.Pending,
        CreatedAtUtc = nowUtc,
        NextAttemptAtUtc = nowUtc,
    };
}

/// <summary>
/// Writes a message from the current template of its kind in the customer's language. Rendering is
/// plain placeholder substitution (<see cref="Placeholders"/>): what staff write is never compiled.
/// </summary>
// Stateless and on a waiting customer's page: a singleton, so no waiting circuit holds its own (ServiceLifetimeTests).
[SingletonService]
public sealed class MessageComposer(MessageTemplateStore templates)
{
    public async Task<ComposedMessage> ComposeAsync(MessageFacts facts, CancellationToken cancellationToken = default) =>
        Compose(facts, await templates.CurrentAsync(facts.Kind, facts.Language, cancellationToken));

    public static ComposedMessage Compose(MessageFacts facts, TemplateText template)
    {
        var values = MessageValues.For(facts);
        // Privacy mode: the subject is all a lock screen or a shared inbox shows, so it names only the clinic. The template's
        // subject is checked before its values go in: a 400-character address in {{location}} made one the outbox column
        // cannot hold, and every booking of that service failed to save, so it is cut to fit.
        var subject = facts.Appointment.PrivacyMode
            ? MessageValues.PrivateTitle(facts)
            : TextFit.Cut(OneLine(Placeholders.Fill(template.Subject, values, html: false)), OutboxMessage.MaxSubjectLength);
        var body = Placeholders.Fill(template.HtmlBody, values, html: true);
        return new ComposedMessage(
            subject,
            MessageLayout.Wrap(subject, body, facts),
            Placeholders.Fill(template.TextBody, values, html: false),
            Placeholders.Fill(template.Sms, values, html: false),
            template.Id);
    }

    // A subject is a mail header: a line break in a value must not start another header.
    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}
