namespace BookingPortal.Features.Catalog;

/// <summary>A booking a sweep found due (a lapsed approval request, an expired hold) and the service whose seats it holds.</summary>
public sealed record DueBooking(Guid Id, int ServiceId);

public static class DueBookingSweep
{
    /// <summary>
    /// Ends each due booking by its own conditional change, so a sweep racing on another instance ends it once,
    /// and tells the open slot and confirmation pages of those this call ended.
    /// </summary>
    /// <returns>How many bookings this call ended.</returns>
    public static async Task<int> EndEachAsync(
        IEnumerable<DueBooking> due, Func<Guid, Task<bool>> end, SlotChangeNotifier slotChanges, BookingChangeNotifier bookingChanges)
    {
        var ended = 0;
        foreach (var booking in due)
        {
            if (await end(booking.Id))
            {
                ended++;
                slotChanges.NotifyChanged(booking.ServiceId);
                bookingChanges.NotifyChanged(booking.Id);
            }
        }

        return ended;
    }
}
