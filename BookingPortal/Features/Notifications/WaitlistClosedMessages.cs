using BookingPortal.Features.Bookings;
using BookingPortal.Features.Notifications.Ports;

namespace BookingPortal.Features.Notifications;

/// <summary>
/// "Your place on the waitlist has ended": the service was archived, so the seat the customer waited for (or was offered) will
/// not come and could not be claimed. Written in the archiving's transaction; each entry ends once.
/// </summary>
// Stateless: one for the process, as the outbox it writes through.
[SingletonService]
public sealed class WaitlistClosedMessages(NotificationOutbox outbox, IOptions<NotificationsOptions> options)
{
    public async Task QueueAsync(BookingDbContext db, long entryId, CancellationToken cancellationToken)
    {
        var entry = await db.WaitlistEntries.AsNoTracking().SingleAsync(e => e.Id == entryId, cancellationToken);
        var service = await db.Services.AsNoTracking().SingleAsync(s => s.Id == entry.ServiceId, cancellationToken);
        var zone = service.TimeZone;
        var day = entry.LocalDate.ToDateTime(TimeOnly.MinValue);
        var start = entry.SlotStartUtc is { } slot ? TimeZoneInfo.ConvertTime(new DateTimeOffset(slot), zone) : new DateTimeOffset(day, zone.GetUtcOffset(day));
        var portal = options.Value.PortalBaseUri;
        var appointment = new AppointmentFacts(
            service.Name, start, start, service.TimeZoneId, service.LocationKind, service.Address, service.VideoLink, ConfirmationNumber: null, CustomerPages.ServicesLink(portal))
        {
            PrivacyMode = service.PrivacyMode,
        };
        await outbox.QueueAsync(db, NotificationKind.WaitlistClosed, entry.CustomerId, $"waitlist-closed:{entryId}",
            recipient => new MessageFacts(NotificationKind.WaitlistClosed, recipient, appointment, portal), message => message.WaitlistEntryId = entryId, cancellationToken);
    }
}
