namespace BookingPortal.Features.Bookings;

/// <summary>
/// An appointment that stopped occupying its practitioner and room (cancelled, its hold expired, moved away, a request
/// declined, given to a colleague) frees them for other services' slots at that time too: a seat there that stayed on
/// sale while people wait, because nobody could give it, goes to them by the rule of <see cref="SeatReleaser.OfferFreedTimeAsync"/>.
/// Run after the change has committed, in a transaction of its own: the change holds its own slot's counter, and taking
/// other slots' counters after it would break their order by id (a deadlock with a move or a batch that takes them in
/// order).
/// </summary>
// Called by singletons too (BookingMover); stateless.
[SingletonService]
public sealed class FreedTimeOffers(
    IDbContextFactory<BookingDbContext> dbFactory, SeatReleaser seats, SlotInventoryStore inventory, TimeProvider time, ILogger<FreedTimeOffers> logger)
{
    /// <summary>
    /// Offers the seats the practitioner's (and the room's) time from <paramref name="startUtc"/> to <paramref name="endUtc"/>
    /// kept from the waiting list. Nothing when there is neither. Not cancelled with the caller's token: the change it follows
    /// has committed, and a closed page must not leave the people waiting untold.
    /// </summary>
    /// <returns>How many seats were offered.</returns>
    public async Task<int> OfferAsync(int? practitionerId, int? roomId, DateTime startUtc, DateTime endUtc)
    {
        if (practitionerId is null && roomId is null)
        {
            return 0;
        }

        // Nobody waiting for the practitioner's or room's services then (the usual case): no transaction on the cancel's or move's path.
        if (!await EnsureWaitedCountersAsync(practitionerId, roomId, startUtc, endUtc))
        {
            return 0;
        }

        return await ConflictRetry.RunAsync(dbFactory, async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            var offered = await seats.OfferFreedTimeAsync(db, practitionerId, roomId, startUtc, endUtc, time.GetUtcNow().UtcDateTime, CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
            return offered;
        }, logger, CancellationToken.None);
    }

    /// <summary>
    /// A slot nobody could ever give has no counter yet (counters are made on a first booking), yet people wait for it:
    /// the counters of the practitioner's (room's) services' slots in that time, on dates someone waits for, are made first,
    /// so the releaser finds them. Outside any transaction, as a booking makes them.
    /// </summary>
    /// <returns>Whether anyone waits for those services then; when nobody does, the releaser would find nothing to offer.</returns>
    private async Task<bool> EnsureWaitedCountersAsync(int? practitionerId, int? roomId, DateTime startUtc, DateTime endUtc)
    {
        var (from, to) = (startUtc - SeatReleaser.BufferReach, endUtc + SeatReleaser.BufferReach);
        var (firstDate, lastDate) = (DateOnly.FromDateTime(from).AddDays(-1), DateOnly.FromDateTime(to).AddDays(1));
        await using var db = await dbFactory.CreateDbContextAsync();
        var waited = await db.WaitlistEntries.AsNoTracking()
            .Where(e => e.Status == WaitlistStatus.Waiting && e.LocalDate >= firstDate && e.LocalDate <= lastDate
                        && (db.PractitionerServices.Any(ps => ps.PractitionerId == practitionerId && ps.ServiceId == e.ServiceId)
                            || db.ServiceRooms.Any(sr => sr.RoomId == roomId && sr.ServiceId == e.ServiceId)))
            .Select(e => new { e.ServiceId, e.LocalDate }).Distinct().ToListAsync();
        if (waited.Count == 0)
        {
            return false;
        }

        await EnsureCountersAsync(db, waited.Select(w => (w.ServiceId, w.LocalDate)).ToList(), from, to, time.GetUtcNow().UtcDateTime);
        return true;
    }

    /// <summary>Makes the missing counters of the waited dates' slots from <paramref name="from"/> to <paramref name="to"/> still ahead.</summary>
    /// <returns>Those slots.</returns>
    private async Task<List<(int ServiceId, DateTime StartUtc)>> EnsureCountersAsync(
        BookingDbContext db, List<(int ServiceId, DateOnly LocalDate)> waited, DateTime from, DateTime to, DateTime nowUtc)
    {
        var serviceIds = waited.Select(w => w.ServiceId).Distinct().ToList();
        var services = await db.Services.AsNoTracking().Include(s => s.TimeSlots).Where(s => serviceIds.Contains(s.Id) && !s.IsArchived).ToListAsync();
        var slots = services.SelectMany(s => waited.Where(w => w.ServiceId == s.Id)
                .SelectMany(w => SlotSchedule.ForDate(s, w.LocalDate)).Select(slot => (ServiceId: s.Id, Slot: slot)))
            .Where(s => s.Slot.StartUtc < to && s.Slot.EndUtc > from && s.Slot.StartUtc > nowUtc).ToList();
        if (slots.Count > 0)
        {
            await inventory.EnsureCountersAsync(slots, CancellationToken.None);
        }

        return slots.Select(s => (s.ServiceId, s.Slot.StartUtc)).ToList();
    }
}
