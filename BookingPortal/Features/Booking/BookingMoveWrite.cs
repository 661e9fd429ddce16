using BookingPortal.Features.Bookings;

namespace BookingPortal.Features.Booking;

internal static class BookingMoveWrite
{
    /// <summary>
    /// Moves the booking to the new slot only while it still holds its seat on the old one and still has the
    /// practitioner read (a reassignment meanwhile is read again, not undone), with the practitioner and room chosen
    /// for it there (both null on a service that books no practitioners).
    /// </summary>
    public static async Task<bool> MoveAsync(
        BookingDbContext db, BookingView booking, long oldId, long newInventoryId, SlotOccurrence slot, SeatAssignment? assignment, DateTime movedAtUtc, CancellationToken cancellationToken)
    {
        int? practitionerId = assignment?.PractitionerId;
        int? roomId = assignment?.RoomId;
        var moved = await db.Bookings
            .Where(b => b.Id == booking.Id && b.SlotInventoryId == oldId && b.PractitionerId == booking.PractitionerId).Where(Domain.Booking.HoldsSeat)
            .ExecuteUpdateAsync(b => b
                .SetProperty(x => x.MovedAtUtc, movedAtUtc)
                .SetProperty(x => x.SlotInventoryId, newInventoryId)
                .SetProperty(x => x.StartUtc, slot.StartUtc)
                .SetProperty(x => x.EndUtc, slot.EndUtc)
                .SetProperty(x => x.PractitionerId, practitionerId)
                .SetProperty(x => x.RoomId, roomId), cancellationToken) == 1;
        if (!moved)
        {
            return false;
        }

        // Reminders are claimed per start, so the new time is reminded afresh; claims left from an earlier stay at that same time go.
        await db.BookingReminders.Where(r => r.BookingId == booking.Id && r.AppointmentStartUtc == slot.StartUtc).ExecuteDeleteAsync(cancellationToken);
        return true;
    }
}
