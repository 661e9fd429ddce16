namespace BookingPortal.Features.Notifications.Ports;

public enum DeliveryOutcome
{
    Delivered,

    /// <summary>A passing fault (timeout, 5xx, throttling, a key being rotated): try again later.</summary>
    RetryLater,

    /// <summary>The provider will never take this message as it is (a malformed address): stop.</summary>
    Rejected,
}

/// <summary>The provider's answer, kept with the attempt so staff can see why something did not go.</summary>
public sealed record DeliveryResult(DeliveryOutcome Outcome, string Response, string? ProviderMessageId = null)
{
    /// <summary>HTTP 429 and 5xx are worth retrying; a 401/403 too, because a key being fixed should not lose messages.</summary>
    public static DeliveryOutcome FromStatus(int status) => status switch
    {
        >= 200 and < 300 => DeliveryOutcome.Delivered,
        401 or 403 or 408 or 429 or >= 500 => DeliveryOutcome.RetryLater,
        _ => DeliveryOutcome.Rejected,
    };

    public static string Truncate(string text) => text.Length <= 1000 ? text : text[..1000] + "…";
}

/// <summary>A way of reaching customers (the e-mail or the SMS provider). Not configured means: leave its messages in the outbox.</summary>
public interface INotificationChannel
{
    NotificationChannel Channel { get; }

    bool IsConfigured { get; }

    Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}
