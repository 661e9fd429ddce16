using BookingPortal.Data;
using BookingPortal.Domain;
using BookingPortal.Features.Notifications.Ports;
using Microsoft.Extensions.Options;

namespace BookingPortal.Features.Notifications;

/// <summary>
/// "Your turn" for a customer who opted in when joining a waiting room: written into the outbox in the
/// admission's transaction, by the channels they chose (text only where their account takes texts).
/// </summary>
public sealed class YourTurnMessages(NotificationOutbox outbox, IOptions<NotificationsOptions> options)
{
    /// <param name="eventKey">Names the admission, so a repeated tick writes nothing twice.</param>
    /// <param name="resumePath">The signed link that resumes the turn, relative to the portal.</param>
    public Task QueueAsync(
        BookingDbContext db, string customerId, string eventKey, Service service, DateTime turnEndsUtc, string resumePath, ReminderChannels channels,
        CancellationToken cancellationToken)
    {
        var portal = options.Value.PortalBaseUri;
        var resume = new Uri(portal, resumePath);
        var ends = TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(turnEndsUtc, DateTimeKind.Utc)), service.TimeZone);
        // No appointment yet: the facts name the service, and its link is the turn's.
        var appointment = new AppointmentFacts(service.Name, ends, ends, service.TimeZoneId, service.LocationKind, service.Address, service.VideoLink, null, resume)
        {
            PrivacyMode = service.PrivacyMode,
        };
        return outbox.QueueAsync(db, NotificationKind.YourTurn, customerId, eventKey,
            recipient => new MessageFacts(NotificationKind.YourTurn, recipient, appointment, portal) { TurnEndsLocal = ends, ResumeLink = resume.ToString() },
            _ => { }, cancellationToken, channels);
    }
}
