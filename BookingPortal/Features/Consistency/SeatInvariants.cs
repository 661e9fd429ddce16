using static BookingPortal.Features.Consistency.ConsistencyCheck;

namespace BookingPortal.Features.Consistency;

/// <summary>The invariants of seats: counters, closed slots and the waitlist offers that hold a seat.</summary>
internal static class SeatInvariants
{
    /// <summary>
    /// Booked = bookings holding a seat + waitlist offers holding one. A booking holds its seat until
    /// it is cancelled (a completed visit or a no-show keeps it: nothing gives it back), and an
    /// Offered entry holds the seat SeatReleaser counted for it until it is claimed or ends.
    /// </summary>
    internal static async Task<List<ConsistencyViolation>> SlotCountersAsync(BookingDbContext db, CancellationToken cancellationToken)
    {
        var wrong = await db.SlotInventories
            .Select(i => new
            {
                i.Id,
                i.ServiceId,
                i.StartUtc,
                i.Booked,
                i.Capacity,
                Bookings = db.Bookings.Count(b => b.SlotInventoryId == i.Id && b.Status != BookingStatus.Cancelled),
                Offers = db.WaitlistEntries.Count(w => w.OfferedSlotInventoryId == i.Id && w.Status == WaitlistStatus.Offered),
            })
            .Where(c => c.Booked != c.Bookings + c.Offers || c.Booked < 0 || c.Booked > c.Capacity)
            .OrderBy(c => c.Id)
            .Take(MaxListedPerInvariant + 1)
            .ToListAsync(cancellationToken);
        var ids = wrong.Take(MaxListedPerInvariant).Select(c => c.Id).ToList();
        var seatedBookings = await db.Bookings.Where(b => ids.Contains(b.SlotInventoryId) && b.Status != BookingStatus.Cancelled)
            .Select(b => new { b.SlotInventoryId, b.ConfirmationNumber }).ToListAsync(cancellationToken);
        var heldOffers = await db.WaitlistEntries.Where(w => w.Status == WaitlistStatus.Offered && w.OfferedSlotInventoryId != null && ids.Contains(w.OfferedSlotInventoryId.Value))
            .Select(w => new { w.OfferedSlotInventoryId, w.Id }).ToListAsync(cancellationToken);
        var holders = seatedBookings.Select(b => (Slot: b.SlotInventoryId, Id: "booking:" + b.ConfirmationNumber))
            .Concat(heldOffers.Select(w => (Slot: w.OfferedSlotInventoryId!.Value, Id: $"waitlist:{w.Id}")))
            .ToLookup(h => h.Slot, h => h.Id);
        return Listed(ConsistencyInvariants.SlotCounter, wrong, c => new ConsistencyViolation(
            ConsistencyInvariants.SlotCounter,
            FormattableString.Invariant($"Slot {c.Id} (service {c.ServiceId}, {c.StartUtc:yyyy-MM-dd HH:mm} UTC) counts {c.Booked} of {c.Capacity} seats taken, ")
            + $"but {c.Bookings} booking(s) and {c.Offers} waitlist offer(s) hold a seat on it.",
            [$"slot:{c.Id}", .. holders[c.Id].Order(StringComparer.Ordinal)]));
    }

    /// <summary>
    /// The slot does not store whether staff chose to keep or to cancel its bookings when they closed
    /// it; the cancelled bookings do (<see cref="SlotInventory.ClosedWithBookingsReason"/>). So: on a
    /// slot still closed, a booking that existed when such a cancellation ran (created at or before
    /// it) and is still active escaped the closing. A booking created later (offered a seat held
    /// before the closing, or made while the slot was open again) is not judged: it may rightly stand.
    /// </summary>
    internal static async Task<List<ConsistencyViolation>> ClosedSlotsAsync(BookingDbContext db, CancellationToken cancellationToken)
    {
        var escaped = await db.Bookings
            .Where(b => Active.Contains(b.Status))
            .Join(db.SlotInventories.Where(i => i.IsClosed), b => b.SlotInventoryId, i => i.Id, (b, i) => b)
            .Where(b => db.Bookings.Any(c => c.SlotInventoryId == b.SlotInventoryId && c.Status == BookingStatus.Cancelled
                                             && c.CancellationReason == SlotInventory.ClosedWithBookingsReason && c.CancelledAtUtc >= b.CreatedAtUtc))
            .OrderBy(b => b.SlotInventoryId).ThenBy(b => b.ConfirmationNumber)
            .Select(b => new { b.SlotInventoryId, b.ConfirmationNumber })
            .Take(MaxListedPerInvariant + 1)
            .ToListAsync(cancellationToken);
        var slots = escaped.GroupBy(b => b.SlotInventoryId).ToList();
        return Listed(ConsistencyInvariants.ClosedSlotCancelled, slots, slot => new ConsistencyViolation(
            ConsistencyInvariants.ClosedSlotCancelled,
            $"Slot {slot.Key} was closed with its bookings cancelled, yet {slot.Count()} booking(s) it had then are still active.",
            [$"slot:{slot.Key}", .. slot.Select(b => "booking:" + b.ConfirmationNumber)]));
    }

    /// <summary>An offer holds exactly one seat (a slot, and no booking yet); a claimed offer is one booking of its customer and service, claimed by no other offer.</summary>
    internal static async Task<List<ConsistencyViolation>> WaitlistOffersAsync(BookingDbContext db, CancellationToken cancellationToken)
    {
        var violations = await MalformedOffersAsync(db, cancellationToken);
        violations.AddRange(await BookingsClaimedByTwoOffersAsync(db, cancellationToken));
        return violations;
    }

    /// <summary>An open offer without a slot or with a booking, a claimed one that is not its customer's booking, or any other naming a booking.</summary>
    private static async Task<List<ConsistencyViolation>> MalformedOffersAsync(BookingDbContext db, CancellationToken cancellationToken)
    {
        var malformed = await db.WaitlistEntries
            .Where(w => (w.Status == WaitlistStatus.Offered && (w.OfferedSlotInventoryId == null || w.ClaimedBookingId != null))
                        || (w.Status == WaitlistStatus.Claimed && !db.Bookings.Any(b => b.Id == w.ClaimedBookingId && b.CustomerId == w.CustomerId && b.ServiceId == w.ServiceId))
                        || (w.Status != WaitlistStatus.Claimed && w.Status != WaitlistStatus.Offered && w.ClaimedBookingId != null))
            .OrderBy(w => w.Id)
            .Select(w => new
            {
                w.Id,
                w.Status,
                w.OfferedSlotInventoryId,
                Claimed = db.Bookings.Where(b => b.Id == w.ClaimedBookingId).Select(b => b.ConfirmationNumber).FirstOrDefault(),
            })
            .Take(MaxListedPerInvariant + 1)
            .ToListAsync(cancellationToken);
        return Listed(ConsistencyInvariants.WaitlistOffer, malformed, w => new ConsistencyViolation(
            ConsistencyInvariants.WaitlistOffer,
            w.Status switch
            {
                WaitlistStatus.Offered when w.OfferedSlotInventoryId is null => $"Waitlist offer {w.Id} holds no slot.",
                WaitlistStatus.Offered => $"Waitlist offer {w.Id} is still open but already names a booking.",
                WaitlistStatus.Claimed => $"Waitlist entry {w.Id} is claimed but is not one booking of its customer and service.",
                _ => $"Waitlist entry {w.Id} is {w.Status} but names a booking as claimed.",
            },
            [$"waitlist:{w.Id}", .. w.Claimed is { } number ? ["booking:" + number] : Array.Empty<string>()]));
    }

    private static async Task<List<ConsistencyViolation>> BookingsClaimedByTwoOffersAsync(BookingDbContext db, CancellationToken cancellationToken)
    {
        var shared = await db.WaitlistEntries
            .Where(w => w.ClaimedBookingId != null)
            .GroupBy(w => w.ClaimedBookingId)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .Take(MaxListedPerInvariant + 1)
            .ToListAsync(cancellationToken);
        var claims = (await db.WaitlistEntries.Where(w => shared.Contains(w.ClaimedBookingId))
                .Select(w => new { w.Id, w.ClaimedBookingId, Number = db.Bookings.Where(b => b.Id == w.ClaimedBookingId).Select(b => b.ConfirmationNumber).FirstOrDefault() })
                .ToListAsync(cancellationToken))
            .GroupBy(w => w.ClaimedBookingId).ToList();
        return Listed(ConsistencyInvariants.WaitlistOffer, claims, g => new ConsistencyViolation(
            ConsistencyInvariants.WaitlistOffer,
            $"{g.Count()} waitlist offers were claimed as the same booking {g.First().Number ?? g.Key.ToString()}.",
            [$"booking:{g.First().Number ?? g.Key.ToString()}", .. g.OrderBy(w => w.Id).Select(w => $"waitlist:{w.Id}")]));
    }
}
