using System.Text.Json;
using BookingPortal.Features.Bookings;

namespace BookingPortal.Features.Webhooks;

/// <summary>What a booking event says about the booking.</summary>
public sealed record BookingEventData(
    string ConfirmationNumber, int ServiceId, string ServiceName, string CustomerId, string Status,
    DateTime StartUtc, DateTime EndUtc, DateTimeOffset LocalStart, string TimeZoneId, BookingLocationData Location);

/// <summary>Where the appointment is, as its customer is shown it (<see cref="BookingPlace"/>); <see cref="Kind"/> is named as in the API (<see cref="LocationKindName"/>).</summary>
public sealed record BookingLocationData(string Kind, string? Address, string? VideoLink)
{
    public static BookingLocationData From(BookingPlace place) =>
        new(LocationKindName.Of(place.Kind), place.Address, place.VideoLink);
}

/// <summary>The JSON body every delivery carries; <see cref="Id"/> is the same at every endpoint and on every retry.</summary>
public sealed record WebhookEvent(string Id, string Type, DateTime CreatedAtUtc, object Data);

/// <summary>
/// Writes one outbox row per subscribed endpoint for an event, on the caller's DbContext and in
/// its transaction, exactly like e-mails: the event is told if and only if the change committed.
/// The event id is derived from its cause, so a cause that runs twice writes the same rows and
/// the unique (event key, channel) index keeps the second copy out. Callers save.
/// </summary>
[SingletonService]
public sealed class WebhookOutbox(TimeProvider time)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task QueueBookingEventAsync(BookingDbContext db, string eventType, Guid bookingId, string cause, CancellationToken cancellationToken)
    {
        var endpoints = await SubscribersAsync(db, eventType, cancellationToken);
        if (endpoints.Count == 0)
        {
            return;
        }

        var booking = await db.Bookings.AsNoTracking().Include(b => b.Service).SingleAsync(b => b.Id == bookingId, cancellationToken);
        await QueueToAsync(db, endpoints, eventType, cause, BookingData(booking, booking.Service!), cancellationToken);
    }

    /// <summary>Adds a row for every active endpoint subscribed to <paramref name="eventType"/>.</summary>
    public async Task QueueAsync(BookingDbContext db, string eventType, string cause, object data, CancellationToken cancellationToken) =>
        await QueueToAsync(db, await SubscribersAsync(db, eventType, cancellationToken), eventType, cause, data, cancellationToken);

    /// <summary>Every active endpoint, for a caller that writes several events at once and filters per event with <see cref="Rows"/>.</summary>
    public static Task<List<WebhookEndpoint>> ActiveEndpointsAsync(BookingDbContext db, CancellationToken cancellationToken) =>
        db.WebhookEndpoints.AsNoTracking().Where(e => e.IsActive).ToListAsync(cancellationToken);

    public static BookingEventData BookingData(Domain.Booking booking, Service service) => new(
        booking.ConfirmationNumber, service.Id, service.Name, booking.CustomerId, BookingStatusName.Of(booking.Status, booking.DeclinedAtUtc is not null),
        booking.StartUtc, booking.EndUtc, TimeZoneInfo.ConvertTime(new DateTimeOffset(booking.StartUtc), service.TimeZone), service.TimeZoneId,
        BookingLocationData.From(BookingPlace.Of(booking, service)));

    /// <summary>
    /// The rows of one event, one per endpoint among <paramref name="endpoints"/> that wants it, not yet
    /// added anywhere: for a cause that is new (a booking just made), no earlier row can exist.
    /// </summary>
    public IEnumerable<OutboxMessage> Rows(IEnumerable<WebhookEndpoint> endpoints, string eventType, string cause, object data)
    {
        var subscribed = endpoints.Where(e => e.Wants(eventType)).ToList();
        if (subscribed.Count == 0)
        {
            yield break;
        }

        var nowUtc = time.GetUtcNow().UtcDateTime;
        var eventId = EventIdFor(eventType, cause);
        var body = JsonSerializer.Serialize(new WebhookEvent(eventId, eventType, nowUtc, data), Json);
        foreach (var endpoint in subscribed)
        {
            yield return new OutboxMessage
            {
                EventKey = $"webhook:{endpoint.Id}:{eventId}",
                Kind = NotificationKind.Webhook,
                Channel = NotificationChannel.Webhook,
                WebhookEndpointId = endpoint.Id,
                Recipient = endpoint.Url,
                Subject = eventType,
                TextBody = body,
                Status = OutboxStatus.Pending,
                CreatedAtUtc = nowUtc,
                NextAttemptAtUtc = nowUtc,
            };
        }
    }

    private async Task QueueToAsync(
        BookingDbContext db, List<WebhookEndpoint> endpoints, string eventType, string cause, object data, CancellationToken cancellationToken)
    {
        foreach (var row in Rows(endpoints, eventType, cause, data))
        {
            if (await db.OutboxMessages.AnyAsync(m => m.EventKey == row.EventKey, cancellationToken)
                || db.OutboxMessages.Local.Any(m => m.EventKey == row.EventKey))
            {
                continue;
            }

            db.OutboxMessages.Add(row);
        }
    }

    /// <summary>"evt_" and 32 hex digits of SHA-256 over the type and its cause: stable, and says nothing about the cause.</summary>
    public static string EventIdFor(string eventType, string cause) =>
        "evt_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{eventType}|{cause}")))[..32];

    private static async Task<List<WebhookEndpoint>> SubscribersAsync(BookingDbContext db, string eventType, CancellationToken cancellationToken)
    {
        // Few endpoints exist; the space-separated list is matched in memory so "booking.created" never matches a longer name.
        var stem = WebhookEventTypes.ImpliedBy(eventType);
        var active = await db.WebhookEndpoints.AsNoTracking().Where(e => e.IsActive && e.EventTypes.Contains(stem)).ToListAsync(cancellationToken);
        return active.Where(e => e.Wants(eventType)).ToList();
    }
}
