using BookingPortal.Features.Webhooks;

namespace BookingPortal.Features.Notifications;

/// <summary>
/// "Your appointment's place has changed", written in the transaction that changes the service's place: the customer holds a
/// confirmation and a calendar event naming the old one. The e-mail carries the event again (same UID, higher SEQUENCE).
/// Webhooks hear <c>booking.location_changed</c> of every such booking, as they hear of every move.
/// </summary>
// Stateless: one for the process, as the outbox it writes through.
[SingletonService]
public sealed class LocationChangeMessages(NotificationOutbox outbox, WebhookOutbox webhooks, TimeProvider time)
{
    /// <summary>
    /// Call after the change is saved in the caller's transaction, so the message names the new place. Only to a customer told of
    /// the booking (<see cref="CustomerTold"/>): an unpaid hold of their own making shows the new place on the page they pay on;
    /// the clinic's systems heard it was created, so they hear where it now is.
    /// </summary>
    /// <returns>Whether the customer is told.</returns>
    public async Task<bool> QueueAsync(BookingDbContext db, Guid bookingId, CancellationToken cancellationToken)
    {
        var cause = $"location-changed:{bookingId}:{time.GetUtcNow().UtcTicks}";
        await webhooks.QueueBookingEventAsync(db, WebhookEventTypes.BookingLocationChanged, bookingId, cause, cancellationToken);
        var booking = await db.Bookings.Where(b => b.Id == bookingId).Select(b => new { b.Status, b.Service!.RequiresApproval }).SingleAsync(cancellationToken);
        if (!await CustomerTold.OfAsync(db, bookingId, booking.Status, booking.RequiresApproval, cancellationToken))
        {
            return false;
        }

        await outbox.QueueForBookingAsync(db, NotificationKind.LocationChanged, bookingId, _ => cause, cancellationToken);
        return true;
    }
}
