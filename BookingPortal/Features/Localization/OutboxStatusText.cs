namespace BookingPortal.Features.Localization;

/// <summary>
/// A message's or a webhook delivery's status in the page's language (the outbox and webhooks pages). English keeps the
/// status's own name, as staff have always read it. The localizer is the page's: PortalText (webhooks) or MessagesText
/// (outbox), each with these five names.
/// </summary>
public static class OutboxStatusText
{
    public static string Of(IStringLocalizer text, OutboxStatus status) => status switch
    {
        OutboxStatus.Pending => text["Pending"],
        OutboxStatus.Sending => text["Sending"],
        OutboxStatus.Sent => text["Sent"],
        OutboxStatus.Failed => text["Failed"],
        _ => text["Skipped"],
    };
}
