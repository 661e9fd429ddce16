namespace BookingPortal.Features.Bookings;

/// <summary>
/// An appointment that stopped occupying its practitioner and room (cancelled, its hold expired, moved away, a request
/// declined, given to a colleague) frees them for other services' slots at that time too: a seat there that stayed on
/// sale while people wait, because nobody could give it, goes to them by the rule of <see cref="SeatReleaser.OfferFreedTimeAsync"/>.
/// Run after the change has committed, in a transaction of its own: the change holds its own slot's counter, and taking
/// other slots' counters after it would break their order by id (a deadlock with a move or a batch that takes them in
/// order). A process that stops between the two loses only the wait for <see cref="SweepAsync"/>.
/// </summary>
// Called by singletons too (BookingMover); stateless.
[SingletonService]
public sealed class FreedTimeOffers(
    IDbContextFactory<BookingDbContext> dbFactory, SeatReleaser seats, SlotInventoryStore inventory, TimeProvider time, ILogger<FreedTimeOffers> logger)
{
    /// <summary>How many waited dates, and then slots, one sweep looks at, soonest first.</summary>
    private const int SweptDates = 100;

    private const int SweptSlots = 50;

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
    /// The follow-up <see cref="OfferAsync"/> of a change whose process stopped after its commit, made by the waitlist's
    /// periodic job: the same rule for the slots people wait for on services that book practitioners (the only ones whose
    /// seats can be kept from them), soonest first, bounded. A look first, outside any transaction, so a slot still kept
    /// (nobody can give it) is only read; each slot that can be offered in a transaction of its own, one counter each.
    /// Nobody waiting: one query.
    /// </summary>
    /// <returns>How many seats were offered.</returns>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var nowUtc = time.GetUtcNow().UtcDateTime;
        var offerable = new List<(long Id, int Free)>();
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var firstDate = DateOnly.FromDateTime(nowUtc).AddDays(-1);
            var waited = (await db.WaitlistEntries.AsNoTracking()
                .Where(e => e.Status == WaitlistStatus.Waiting && e.LocalDate >= firstDate
                            && db.Services.Any(s => s.Id == e.ServiceId && s.BooksPractitioners && !s.IsArchived))
                .Select(e => new { e.ServiceId, e.LocalDate, e.SlotStartUtc }).Distinct().OrderBy(w => w.LocalDate).Take(SweptDates)
                .ToListAsync(cancellationToken)).Select(w => (w.ServiceId, w.LocalDate, w.SlotStartUtc)).ToList();
            // A slot's own waiting list asks for that slot only: the day's other slots are not looked at for it.
            var waitedDates = waited.Select(w => (w.ServiceId, w.LocalDate)).Distinct().ToList();
            var slots = waited.Count == 0 ? [] : (await EnsureCountersAsync(db, waitedDates, DateTime.MinValue, DateTime.MaxValue, nowUtc))
                .Where(s => waited.Any(w => w.ServiceId == s.ServiceId && (w.SlotStartUtc == null || w.SlotStartUtc == s.StartUtc))).ToHashSet();
            foreach (var slot in await FreeCountersAsync(db, slots, cancellationToken))
            {
                if (await seats.CouldOfferAsync(db, slot.Id, nowUtc, cancellationToken))
                {
                    offerable.Add(slot);
                }
            }
        }

        var offered = 0;
        foreach (var (id, free) in offerable)
        {
            offered += await ConflictRetry.RunAsync(dbFactory, async db =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var made = await seats.OfferNewSeatsAsync(db, id, free, nowUtc, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return made;
            }, logger, cancellationToken);
        }

        return offered;
    }

    /// <summary>The counters of <paramref name="slots"/> with a seat on sale, soonest first, at most <see cref="SweptSlots"/>.</summary>
    private static async Task<List<(long Id, int Free)>> FreeCountersAsync(
        BookingDbContext db, HashSet<(int ServiceId, DateTime StartUtc)> slots, CancellationToken cancellationToken)
    {
        if (slots.Count == 0)
        {
            return [];
        }

        var (serviceIds, starts) = (slots.Select(s => s.ServiceId).Distinct().ToList(), slots.Select(s => s.StartUtc).Distinct().ToList());
        var counters = await db.SlotInventories.AsNoTracking()
            .Where(i => serviceIds.Contains(i.ServiceId) && starts.Contains(i.StartUtc) && !i.IsClosed && i.Booked < i.Capacity)
            .Select(i => new { i.Id, i.ServiceId, i.StartUtc, Free = i.Capacity - i.Booked }).ToListAsync(cancellationToken);
        return counters.Where(c => slots.Contains((c.ServiceId, c.StartUtc))).OrderBy(c => c.StartUtc).ThenBy(c => c.Id)
            .Take(SweptSlots).Select(c => (c.Id, c.Free)).ToList();
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
