using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;

namespace BookingPortal.Features.Bookings;

/// <summary>
/// Where a freed seat goes. Every path that gives a seat back (cancellation, expired payment
/// hold, a booking moved away, an unclaimed waitlist offer) calls this inside its own
/// transaction: the first waiting customer for that date or slot gets the seat held for them;
/// only when nobody is waiting does the counter go down and the seat return to general sale.
/// The customer offered a seat is told through the outbox in the same transaction.
/// </summary>
// Stateless and on a waiting customer's page: a singleton, so no waiting circuit holds its own (ServiceLifetimeTests).
[SingletonService]
public sealed class SeatReleaser(IWaitlistOfferNotice offerNotice)
{
    private const int CandidatesPerRelease = 20;

    /// <summary>How far from a practitioner's freed time a slot may have been kept from them: both services' buffers at their longest.</summary>
    public static readonly TimeSpan BufferReach = TimeSpan.FromMinutes(2 * ServiceRules.MaxBufferMinutes);

    /// <summary>
    /// Ends a booking (cancelled, expired) and gives its seat back, in the caller's transaction. The
    /// slot's row is locked first, as every transaction takes slot counters before bookings, and the
    /// booking changes only while it is still in <paramref name="stillIn"/> on the slot the caller read:
    /// a booking moved meanwhile is not ended here (false), and the caller reads it again.
    /// </summary>
    /// <returns>True when this call ended the booking and released its seat.</returns>
    public async Task<bool> EndBookingAsync(
        BookingDbContext db, Guid bookingId, long slotInventoryId, Expression<Func<Domain.Booking, bool>> stillIn,
        Action<UpdateSettersBuilder<Domain.Booking>> end, DateTime nowUtc, CancellationToken cancellationToken)
    {
        await SlotInventoryStore.LockAsync(db, slotInventoryId, cancellationToken);
        var ended = await db.Bookings.Where(b => b.Id == bookingId && b.SlotInventoryId == slotInventoryId).Where(stillIn)
            .ExecuteUpdateAsync(end, cancellationToken);
        if (ended != 1)
        {
            return false;
        }

        await ReleaseAsync(db, slotInventoryId, nowUtc, cancellationToken);
        return true;
    }

    /// <returns>The waitlist entry that was offered the seat, or null when it went back on sale.</returns>
    public async Task<long?> ReleaseAsync(BookingDbContext db, long inventoryId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var offeredTo = await OfferToWaitlistAsync(db, inventoryId, nowUtc, cancellationToken);
        if (offeredTo is null)
        {
            await GiveBackAsync(db, inventoryId, cancellationToken);
        }

        return offeredTo;
    }

    /// <summary>
    /// Seats that did not exist before (staff added capacity): each is offered to the next person waiting and counted
    /// as taken while held for them; the rest are simply on sale. A seat is counted before it is offered, under the
    /// counter's lock, and only while the counter has one free: a capacity read before another change of it (staff
    /// adding seats in another tab) can never make an offer no seat stands behind.
    /// </summary>
    /// <returns>How many of the <paramref name="newSeats"/> were offered to the waitlist.</returns>
    public async Task<int> OfferNewSeatsAsync(BookingDbContext db, long inventoryId, int newSeats, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var offers = 0;
        while (offers < newSeats && await SlotInventoryStore.TakeSeatsAsync(db, inventoryId, 1, cancellationToken) == 1)
        {
            if (await OfferToWaitlistAsync(db, inventoryId, nowUtc, cancellationToken) is null)
            {
                await GiveBackAsync(db, inventoryId, cancellationToken);
                break;
            }

            offers++;
        }

        return offers;
    }

    /// <summary>
    /// A practitioner (or a room) is free again from <paramref name="fromUtc"/> to <paramref name="toUtc"/> (their time off removed, an
    /// appointment ended or moved): the seats of their services' (the room's services') slots then (buffers' reach included) that stayed on sale
    /// while people wait, because nobody could give them, go to those waiting as new seats do (<see cref="OfferNewSeatsAsync"/>:
    /// each offered only while someone can give it, else left on sale). In a transaction holding no counter yet
    /// (<see cref="FreedTimeOffers"/>); counters by id. Slots without a counter are not seen: FreedTimeOffers makes them first.
    /// </summary>
    /// <returns>How many seats were offered.</returns>
    public async Task<int> OfferFreedTimeAsync(
        BookingDbContext db, int? practitionerId, int? roomId, DateTime fromUtc, DateTime toUtc, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var (from, to) = (fromUtc - BufferReach, toUtc + BufferReach);
        var (firstDate, lastDate) = (DateOnly.FromDateTime(from).AddDays(-1), DateOnly.FromDateTime(to).AddDays(1));
        var slots = await db.SlotInventories.AsNoTracking()
            .Where(i => i.StartUtc < to && i.EndUtc > from && i.StartUtc > nowUtc && !i.IsClosed && i.Booked < i.Capacity
                        && (db.PractitionerServices.Any(ps => ps.PractitionerId == practitionerId && ps.ServiceId == i.ServiceId)
                            || db.ServiceRooms.Any(sr => sr.RoomId == roomId && sr.ServiceId == i.ServiceId))
                        && db.WaitlistEntries.Any(e => e.ServiceId == i.ServiceId && e.Status == WaitlistStatus.Waiting
                                                       && (e.SlotStartUtc == i.StartUtc || (e.SlotStartUtc == null && e.LocalDate >= firstDate && e.LocalDate <= lastDate))))
            .OrderBy(i => i.Id).Select(i => new { i.Id, Free = i.Capacity - i.Booked }).ToListAsync(cancellationToken);
        var offered = 0;
        foreach (var slot in slots)
        {
            offered += await OfferNewSeatsAsync(db, slot.Id, slot.Free, nowUtc, cancellationToken);
        }

        return offered;
    }

    /// <summary>A look without locks (<see cref="FreedTimeOffers.SweepAsync"/>'s): whether a free seat of this slot would go to someone waiting now.</summary>
    public async Task<bool> CouldOfferAsync(BookingDbContext db, long inventoryId, DateTime nowUtc, CancellationToken cancellationToken) =>
        await OfferableAsync(db, inventoryId, nowUtc, cancellationToken) is not null;

    private static Task<int> GiveBackAsync(BookingDbContext db, long inventoryId, CancellationToken cancellationToken) =>
        db.SlotInventories.Where(i => i.Id == inventoryId && i.Booked > 0)
            .ExecuteUpdateAsync(i => i.SetProperty(x => x.Booked, x => x.Booked - 1), cancellationToken);

    /// <summary>
    /// Marks the first waiting entry for this slot as offered it; null when nobody is waiting (or the slot is past or closed, or
    /// its service archived: the catalogue no longer has it, so nobody could claim the seat; or nobody could give it).
    /// </summary>
    private async Task<long?> OfferToWaitlistAsync(BookingDbContext db, long inventoryId, DateTime nowUtc, CancellationToken cancellationToken) =>
        await OfferableAsync(db, inventoryId, nowUtc, cancellationToken) is { } offer
            ? await OfferToFirstStillWaitingAsync(db, offer.Candidates, inventoryId, offer.StartUtc, offer.Expires, cancellationToken)
            : null;

    /// <summary>Who waits for the slot, first come first served, and until when an offer would hold; null when it goes to nobody.</summary>
    private async Task<(List<long> Candidates, DateTime StartUtc, DateTime Expires)?> OfferableAsync(
        BookingDbContext db, long inventoryId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var slot = await db.SlotInventories.AsNoTracking()
            .Where(i => i.Id == inventoryId)
            .Select(i => new { i.ServiceId, i.StartUtc, i.EndUtc, i.IsClosed })
            .SingleAsync(cancellationToken);
        // Read under the counter's lock: archiving takes it too, so a release it has not seen finds the service archived.
        var service = slot.StartUtc > nowUtc && !slot.IsClosed
            ? await db.Services.AsNoTracking().SingleOrDefaultAsync(s => s.Id == slot.ServiceId && !s.IsArchived, cancellationToken)
            : null;
        if (service is null)
        {
            return null;
        }

        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(slot.StartUtc, service.TimeZone));
        var candidates = await WaitingAsync(db, slot.ServiceId, localDate, slot.StartUtc, cancellationToken);
        // Asked only when someone waits: the look reads the practitioners' day, inside the caller's transaction.
        if (candidates.Count == 0 || !await SomeoneCanGiveItAsync(db, service, inventoryId, slot.StartUtc, slot.EndUtc, cancellationToken))
        {
            return null;
        }

        // An offer never outlives the appointment it is for.
        var expires = nowUtc + WaitlistEntry.OfferDuration < slot.StartUtc ? nowUtc + WaitlistEntry.OfferDuration : slot.StartUtc;
        return (candidates, slot.StartUtc, expires);
    }

    /// <summary>Marks the first of <paramref name="candidates"/> still waiting as offered the seat, and tells them; null when none still waits.</summary>
    private async Task<long?> OfferToFirstStillWaitingAsync(
        BookingDbContext db, List<long> candidates, long inventoryId, DateTime startUtc, DateTime expires, CancellationToken cancellationToken)
    {
        foreach (var entryId in candidates)
        {
            // Conditional: a concurrent release may have offered this entry a seat a moment ago.
            var offered = await db.WaitlistEntries
                .Where(e => e.Id == entryId && e.Status == WaitlistStatus.Waiting)
                .ExecuteUpdateAsync(e => e
                    .SetProperty(x => x.Status, WaitlistStatus.Offered)
                    .SetProperty(x => x.OfferedSlotInventoryId, inventoryId)
                    .SetProperty(x => x.OfferedSlotStartUtc, startUtc)
                    .SetProperty(x => x.OfferExpiresAtUtc, expires), cancellationToken);
            if (offered == 1)
            {
                await offerNotice.QueueWaitlistOfferAsync(db, entryId, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                return entryId;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a practitioner could give one more seat than the offers already out for this slot (seats held for an offer
    /// occupy nobody yet), as the catalogue judges it: a seat whose practitioner is away, with nobody else free then, goes
    /// back on sale (where the catalogue shows it taken) instead of to a customer whose claim would be refused. A look
    /// without the practitioners' locks: the claim takes them and decides.
    /// </summary>
    private static async Task<bool> SomeoneCanGiveItAsync(
        BookingDbContext db, Service service, long inventoryId, DateTime startUtc, DateTime endUtc, CancellationToken cancellationToken)
    {
        if (!service.BooksPractitioners)
        {
            return true;
        }

        var staffing = await PractitionerSeats.LoadAsync(db, service, startUtc, endUtc, null, cancellationToken);
        var held = await db.WaitlistEntries.CountAsync(e => e.OfferedSlotInventoryId == inventoryId && e.Status == WaitlistStatus.Offered, cancellationToken);
        return staffing.BookableSeats(startUtc, endUtc) > held;
    }

    /// <summary>The first entries waiting for that day (any time) or that slot, first come first served.</summary>
    private static Task<List<long>> WaitingAsync(BookingDbContext db, int serviceId, DateOnly localDate, DateTime startUtc, CancellationToken cancellationToken) =>
        db.WaitlistEntries.AsNoTracking()
            .Where(e => e.ServiceId == serviceId && e.LocalDate == localDate && e.Status == WaitlistStatus.Waiting
                        && (e.SlotStartUtc == null || e.SlotStartUtc == startUtc))
            .OrderBy(e => e.CreatedAtUtc).ThenBy(e => e.Id)
            .Select(e => e.Id)
            .Take(CandidatesPerRelease)
            .ToListAsync(cancellationToken);
}
