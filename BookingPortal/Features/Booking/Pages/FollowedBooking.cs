using BookingPortal.Features.Catalog;

namespace BookingPortal.Features.Booking.Pages;

/// <summary>
/// The one booking a confirmation page listens to (a deposit confirmed, a hold expired, staff cancelling it). The router
/// keeps the page's instance when it goes from one confirmation to another and only sets the new number, so the page
/// follows the booking it shows now: the old booking's changes no longer reach it, the new one's do.
/// </summary>
public sealed class FollowedBooking(BookingChangeNotifier changes, Func<Task> onChanged) : IDisposable
{
    private IDisposable? subscription;

    /// <summary>The booking listened to, or null before the first or after <see cref="Dispose"/>.</summary>
    public Guid? BookingId { get; private set; }

    /// <summary>Listens to <paramref name="bookingId"/> from now on (nothing when null), and no longer to the one before.</summary>
    public void Follow(Guid? bookingId)
    {
        if (bookingId == BookingId)
        {
            return;
        }

        subscription?.Dispose();
        subscription = bookingId is { } id ? changes.Subscribe(id, onChanged) : null;
        BookingId = bookingId;
    }

    public void Dispose() => Follow(null);
}
