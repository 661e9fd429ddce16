namespace BookingPortal.Domain;

/// <summary>The events a webhook endpoint can subscribe to; the names are the <c>type</c> receivers see.</summary>
public static class WebhookEventTypes
{
    public const string BookingCreated = "booking.created";
    public const string BookingConfirmed = "booking.confirmed";
    public const string BookingCancelled = "booking.cancelled";
    public const string BookingRescheduled = "booking.rescheduled";
    public const string BookingNoShow = "booking.no_show";
    public const string BookingNoShowUndone = "booking.no_show_undone";
    public const string WaitlistOffered = "waitlist.offered";
    public const string ReleaseOpened = "release.opened";
    public const string ReleaseDrawCommitted = "release.draw_committed";
    public const string BookingRequested = "booking.requested";
    public const string BookingApproved = "booking.approved";
    public const string BookingDeclined = "booking.declined";

    /// <summary>Staff gave the service of an upcoming booking somewhere else; <c>data.location</c> says where it is now.</summary>
    public const string BookingLocationChanged = "booking.location_changed";

    /// <summary>
    /// The event whose subscribers get <paramref name="eventType"/> too: an endpoint told of no-shows hears of their undoing,
    /// as it recorded the no-show; endpoints registered before the undoing was an event of its own hear of it
    /// without anyone editing their events. Its name is part of the longer one's.
    /// </summary>
    public static string ImpliedBy(string eventType) => eventType == BookingNoShowUndone ? BookingNoShow : eventType;

    public static readonly IReadOnlyList<string> All =
        [BookingCreated, BookingConfirmed, BookingCancelled, BookingRescheduled, BookingNoShow, BookingNoShowUndone, WaitlistOffered, ReleaseOpened, ReleaseDrawCommitted,
         BookingRequested, BookingApproved, BookingDeclined, BookingLocationChanged];
}

/// <summary>
/// A URL staff registered to be told about events. Each delivery is an outbox row (channel
/// Webhook) signed with <see cref="Secret"/> when it is sent; the secret is stored encrypted
/// (reversibly, because signing needs it).
/// </summary>
public class WebhookEndpoint
{
    public long Id { get; set; }
    public required string Url { get; set; }
    public required string Secret { get; set; }

    /// <summary>Space-separated event types, e.g. "booking.created booking.cancelled".</summary>
    public required string EventTypes { get; set; }

    public string Description { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAtUtc { get; set; }
    public required string CreatedById { get; set; }

    public IReadOnlyList<string> Events => EventTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Subscribed to it, or to the event that implies it (<see cref="WebhookEventTypes.ImpliedBy"/>).</summary>
    public bool Wants(string eventType) => Events.Contains(eventType) || Events.Contains(WebhookEventTypes.ImpliedBy(eventType));
}
