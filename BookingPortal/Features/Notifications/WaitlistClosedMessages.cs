using BookingPortal.Features.Bookings;
using BookingPortal.Features.Notifications.Ports;

namespace BookingPortal.Features.Notifications;

/// <summary>
/// "Your place on the waitlist has ended": the service was archived, so the seats the customer waited for (or was offered) will
/// not come and could not be claimed. Written in the archiving's transaction; one message per customer, naming every day.
/// </summary>
// Stateless: one for the process, as the outbox it writes through.
[SingletonService]
public sealed class WaitlistClosedMessages(NotificationOutbox outbox, IOptions<NotificationsOptions> options)
{
    /// <param name="entryIds">
    /// One customer's places of one service, all ended by the same archiving: a customer waiting for several days gets one
    /// message listing them, not one per place. Keyed by the first place, each ended once, so the message is written once.
    /// </param>
    public async Task QueueAsync(BookingDbContext db, IReadOnlyList<long> entryIds, CancellationToken cancellationToken)
    {
        var entries = await db.WaitlistEntries.AsNoTracking().Where(e => entryIds.Contains(e.Id)).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var first = entries[0];
        var service = await db.Services.AsNoTracking().SingleAsync(s => s.Id == first.ServiceId, cancellationToken);
        var starts = entries.Select(e => StartOf(e, service.TimeZone)).OrderBy(s => s).ToList();
        var days = starts.DistinctBy(s => s.Date).ToList();
        var portal = options.Value.PortalBaseUri;
        var appointment = new AppointmentFacts(
            service.Name, starts[0], starts[0], service.TimeZoneId, service.LocationKind, service.Address, service.VideoLink, ConfirmationNumber: null, CustomerPages.ServicesLink(portal))
        {
            PrivacyMode = service.PrivacyMode,
        };
        await outbox.QueueAsync(db, NotificationKind.WaitlistClosed, first.CustomerId, $"waitlist-closed:{first.Id}",
            recipient => new MessageFacts(NotificationKind.WaitlistClosed, recipient, appointment, portal) { Days = days },
            message => message.WaitlistEntryId = first.Id, cancellationToken);
    }

    /// <summary>The slot waited for, or the start of the day waited for, in the service's zone.</summary>
    private static DateTimeOffset StartOf(WaitlistEntry entry, TimeZoneInfo zone)
    {
        var day = entry.LocalDate.ToDateTime(TimeOnly.MinValue);
        return entry.SlotStartUtc is { } slot ? TimeZoneInfo.ConvertTime(new DateTimeOffset(slot), zone) : new DateTimeOffset(day, zone.GetUtcOffset(day));
    }
}
