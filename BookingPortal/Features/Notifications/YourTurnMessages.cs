using BookingPortal.Features.Notifications.Ports;

namespace BookingPortal.Features.Notifications;

/// <summary>
/// "Your turn" for a customer who opted in when joining a waiting room: written into the outbox in the
/// admission's transaction, by the channels they chose (text only where their account takes texts).
/// </summary>
[ScopedService]
public sealed class YourTurnMessages(NotificationOutbox outbox, IOptions<NotificationsOptions> options)
{
    private const string KeyPrefix = "your-turn:";

    /// <summary>Names one admission (the entry and the instant it was admitted), so a repeated tick writes nothing twice.</summary>
    public static string EventKey(long entryId, DateTime admittedAtUtc) => FormattableString.Invariant($"{KeyPrefix}{entryId}:{admittedAtUtc.Ticks}");

    /// <summary>
    /// A message still waiting for its channel after the turn it announces ended, or was used to book, would
    /// send someone to a closed door: the dispatcher skips it with this reason.
    /// </summary>
    public static async Task<string?> ReasonToSkipAsync(BookingDbContext db, string eventKey, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var parts = eventKey[KeyPrefix.Length..].Split(':');
        var (entryId, admittedTicks) = (long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
        var turn = await db.QueueEntries.AsNoTracking().Where(e => e.Id == entryId).Select(e => new { e.Status, e.AdmittedAtUtc, e.ExpiresAtUtc }).SingleOrDefaultAsync(cancellationToken);
        return turn is { Status: QueueEntryStatus.Admitted } && turn.AdmittedAtUtc?.Ticks == admittedTicks && turn.ExpiresAtUtc > nowUtc
            ? null : "Not sent: the turn had already ended or been used.";
    }

    /// <param name="eventKey">From <see cref="EventKey"/>.</param>
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
