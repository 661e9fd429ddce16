namespace BookingPortal.Features.Consistency;

/// <summary>One person, one place: no two active appointments of a practitioner or of a room overlap, buffers of both services included.</summary>
internal static class PractitionerInvariants
{
    public static async Task<List<ConsistencyViolation>> OverlapsAsync(BookingDbContext db, CancellationToken cancellationToken)
    {
        var active = from b in db.Bookings.Where(Domain.Booking.OccupiesPractitioner)
                     join s in db.Services on b.ServiceId equals s.Id
                     select new
                     {
                         b.ConfirmationNumber, b.ServiceId, b.PractitionerId, b.RoomId, b.StartUtc,
                         From = b.StartUtc.AddMinutes(-s.BufferBeforeMinutes), Until = b.EndUtc.AddMinutes(s.BufferAfterMinutes),
                     };
        // Seats of one group slot (same service and start, same practitioner) share the practitioner and the room.
        var clashes = await (
                from a in active
                from b in active
                where string.Compare(a.ConfirmationNumber, b.ConfirmationNumber) < 0 && a.From < b.Until && b.From < a.Until
                      && ((a.PractitionerId != null && a.PractitionerId == b.PractitionerId) || (a.RoomId != null && a.RoomId == b.RoomId))
                      && !(a.ServiceId == b.ServiceId && a.StartUtc == b.StartUtc && a.PractitionerId == b.PractitionerId)
                orderby a.ConfirmationNumber, b.ConfirmationNumber
                select new { First = a.ConfirmationNumber, Second = b.ConfirmationNumber, SamePractitioner = a.PractitionerId == b.PractitionerId, a.PractitionerId, a.RoomId })
            .Take(ConsistencyCheck.MaxListedPerInvariant + 1)
            .ToListAsync(cancellationToken);
        return ConsistencyCheck.Listed(ConsistencyInvariants.OnePersonOnePlace, clashes, c => new ConsistencyViolation(
            ConsistencyInvariants.OnePersonOnePlace,
            c.SamePractitioner ? $"Practitioner {c.PractitionerId} has two overlapping appointments." : $"Room {c.RoomId} has two overlapping appointments.",
            [c.SamePractitioner ? $"practitioner:{c.PractitionerId}" : $"room:{c.RoomId}", "booking:" + c.First, "booking:" + c.Second]));
    }
}
