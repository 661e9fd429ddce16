using BookingPortal.Components.Shared;
using BookingPortal.Features.Catalog;

namespace BookingPortal.Features.Booking.Pages;

/// <summary>
/// The one booking a confirmation page listens to (a deposit confirmed, a hold expired, staff cancelling it). The router
/// keeps the page's instance when it goes from one confirmation to another and only sets the new number, so the page
/// follows the booking it shows now: the old booking's changes no longer reach it, the new one's do.
/// </summary>
/// <remarks>Used from the page's dispatcher only, as the page's own state is.</remarks>
public sealed class FollowedBooking(BookingChangeNotifier changes, Func<Task> onChanged) : IDisposable
{
    private IDisposable? subscription;
    private readonly LatestRead reads = new();

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

    /// <summary>
    /// A read of the page's booking begun now. Reads overlap: a change heard for the booking shown before reloads it
    /// while the router sets the next number, and that reload can end last. Only the read begun last may be shown.
    /// </summary>
    public int BeginRead() => reads.Begin();

    /// <summary>Whether <paramref name="read"/> is still the last one begun, and the page not gone: only then is it shown and followed.</summary>
    public bool IsLatest(int read) => reads.IsLatest(read);

    /// <summary>Listens to nothing more; a read still under way when the page goes is not shown (nor followed) either.</summary>
    public void Dispose()
    {
        reads.Abandon();
        Follow(null);
    }
}
