using BookingPortal.Data;
using BookingPortal.Domain;
using Microsoft.EntityFrameworkCore;

namespace BookingPortal.Features.Booking;

internal static class BookingMoveWrite
{
    /// <summary>
    /// Moves the booking to the new slot only while it still holds its seat on the old one, with the practitioner
    /// and room chosen for it there (both null on a service that books no practitioners).
    /// </summary>
    public static async Task<bool> MoveAsync(
        BookingDbContext db, Guid bookingId, long oldId, long newInventoryId, SlotOccurrence slot, SeatAssignment? assignment, CancellationToken cancellationToken)
    {
        int? practitionerId = assignment?.PractitionerId;
        int? roomId = assignment?.RoomId;
        return await db.Bookings
            .Where(b => b.Id == bookingId && b.SlotInventoryId == oldId).Where(Domain.Booking.HoldsSeat)
            .ExecuteUpdateAsync(b => b
                .SetProperty(x => x.SlotInventoryId, newInventoryId)
                .SetProperty(x => x.StartUtc, slot.StartUtc)
                .SetProperty(x => x.EndUtc, slot.EndUtc)
                .SetProperty(x => x.PractitionerId, practitionerId)
                .SetProperty(x => x.RoomId, roomId)
                .SetProperty(x => x.Reminder24hQueuedAtUtc, (DateTime?)null)
                .SetProperty(x => x.Reminder1hQueuedAtUtc, (DateTime?)null), cancellationToken) == 1;
    }
}
