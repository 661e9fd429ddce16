namespace BookingPortal.Features.Bookings;

/// <summary>
/// Seat counters are created on the first booking of a slot rather than materialised for the
/// whole horizon: no job has to keep a rolling window filled, and a template change applies at
/// once to every slot nobody has booked yet. The unique (ServiceId, StartUtc) index makes two
/// first bookings agree on one row.
/// </summary>
// One per process: its writers take turns creating new slots' counters.
[SingletonService]
public sealed class SlotInventoryStore(IDbContextFactory<BookingDbContext> dbFactory, ILogger<SlotInventoryStore> logger)
{
    private readonly SemaphoreSlim creating = new(1, 1);

    public async Task<long> EnsureAsync(int serviceId, SlotOccurrence slot, CancellationToken cancellationToken) =>
        (await EnsureCounterAsync(serviceId, slot, cancellationToken)).Id;

    /// <summary>
    /// The slot's counter, and whether it had a free seat when read: a look without a lock, so the
    /// booking path can turn a full slot away before doing any work. Only the conditional update
    /// in the booking's transaction decides who gets a seat.
    /// </summary>
    public async Task<(long Id, bool HadFreeSeat)> EnsureCounterAsync(int serviceId, SlotOccurrence slot, CancellationToken cancellationToken)
    {
        return await FindAsync(serviceId, slot.StartUtc, cancellationToken)
            ?? (await CreateAsync(serviceId, slot, cancellationToken), slot.Capacity > 0);
    }

    /// <summary>
    /// The counters of slots booked for the first time, those still missing created in one insert: a
    /// release's first batch finds every slot new, and a round trip and a commit each would hold up the
    /// whole crowd. This instance's writers take turns here and look again before inserting, so they never
    /// race each other. A writer on another instance can still insert some of the same slots at once: then
    /// one insert fails as a whole (at worst after the database breaks a deadlock between the two, as the
    /// order of a multi-row insert is EF's) and each of its slots is found or created on its own.
    /// </summary>
    public async Task<Dictionary<(int ServiceId, DateTime StartUtc), (long Id, bool HadFreeSeat)>> EnsureCountersAsync(
        IReadOnlyCollection<(int ServiceId, SlotOccurrence Slot)> slots, CancellationToken cancellationToken)
    {
        await creating.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var counters = await FindCountersAsync(db, slots.Select(s => s.ServiceId).Distinct().ToList(), slots.Select(s => s.Slot.StartUtc).Distinct().ToList(), cancellationToken);
            var created = slots.Where(s => !counters.ContainsKey((s.ServiceId, s.Slot.StartUtc)))
                .OrderBy(s => s.ServiceId).ThenBy(s => s.Slot.StartUtc).Select(s => NewCounter(s.ServiceId, s.Slot)).ToList();
            db.SlotInventories.AddRange(created);
            await db.SaveChangesAsync(cancellationToken);
            foreach (var counter in created)
            {
                counters[(counter.ServiceId, counter.StartUtc)] = (counter.Id, counter.Capacity > 0);
            }

            return counters;
        }
        catch (DbUpdateException ex)
        {
            logger.LogDebug(ex, "Another instance created some of {Count} new slot counters first; finding or creating each on its own.", slots.Count);
        }
        finally
        {
            creating.Release();
        }

        var found = new Dictionary<(int ServiceId, DateTime StartUtc), (long Id, bool HadFreeSeat)>();
        foreach (var (serviceId, slot) in slots)
        {
            found[(serviceId, slot.StartUtc)] = await EnsureCounterAsync(serviceId, slot, cancellationToken);
        }

        return found;
    }

    /// <summary>
    /// Takes <paramref name="count"/> seats of a counter in one conditional update if it has that many
    /// free; 1 when they were taken, 0 when not (nothing changed). The update also locks the row until the commit.
    /// </summary>
    public static Task<int> TakeSeatsAsync(BookingDbContext db, long counterId, int count, CancellationToken cancellationToken) =>
        db.SlotInventories.Where(i => i.Id == counterId && !i.IsClosed && i.Booked + count <= i.Capacity)
            .ExecuteUpdateAsync(i => i.SetProperty(x => x.Booked, x => x.Booked + count), cancellationToken);

    /// <summary>
    /// Locks the counter, then takes as many of the seats it has left as are wanted, at most
    /// <paramref name="wanted"/>; returns how many (0 when it is closed or full). Between a take that
    /// did not fit and this lock another transaction may have given seats back, so more can be free
    /// now than are wanted: only the wanted ones are counted taken.
    /// </summary>
    public static async Task<int> TakeFreeSeatsAsync(BookingDbContext db, long counterId, int wanted, CancellationToken cancellationToken)
    {
        await LockAsync(db, counterId, cancellationToken);
        var free = await db.SlotInventories.Where(i => i.Id == counterId).Select(i => i.IsClosed ? 0 : i.Capacity - i.Booked).SingleAsync(cancellationToken);
        var seats = Math.Min(free, wanted);
        return seats > 0 && await TakeSeatsAsync(db, counterId, seats, cancellationToken) == 1 ? seats : 0;
    }

    /// <summary>A write that changes nothing: it takes the counter's row lock for the rest of the transaction.</summary>
    public static Task LockAsync(BookingDbContext db, long counterId, CancellationToken cancellationToken) =>
        db.SlotInventories.Where(i => i.Id == counterId).ExecuteUpdateAsync(i => i.SetProperty(x => x.Booked, x => x.Booked), cancellationToken);

    private async Task<long> CreateAsync(int serviceId, SlotOccurrence slot, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var counter = NewCounter(serviceId, slot);
            db.SlotInventories.Add(counter);
            await db.SaveChangesAsync(cancellationToken);
            return counter.Id;
        }
        catch (DbUpdateException)
        {
            // Someone else created it between our look-up and our insert: theirs is the one.
            return (await FindAsync(serviceId, slot.StartUtc, cancellationToken))?.Id
                ?? throw new InvalidOperationException($"Slot counter for service {serviceId} at {slot.StartUtc:o} could not be created.");
        }
    }

    private static SlotInventory NewCounter(int serviceId, SlotOccurrence slot) =>
        new() { ServiceId = serviceId, StartUtc = slot.StartUtc, EndUtc = slot.EndUtc, Capacity = slot.Capacity };

    /// <summary>
    /// The existing counters of these services' slots at these starts, by service and start, each with
    /// whether it had a free seat at a look without a lock. Slots never booked have none yet.
    /// </summary>
    public static async Task<Dictionary<(int ServiceId, DateTime StartUtc), (long Id, bool HadFreeSeat)>> FindCountersAsync(
        BookingDbContext db, IReadOnlyCollection<int> serviceIds, IReadOnlyCollection<DateTime> starts, CancellationToken cancellationToken) =>
        (await db.SlotInventories.AsNoTracking()
            .Where(i => serviceIds.Contains(i.ServiceId) && starts.Contains(i.StartUtc))
            .Select(i => new { i.Id, i.ServiceId, i.StartUtc, Free = !i.IsClosed && i.Booked < i.Capacity })
            .ToListAsync(cancellationToken))
        .ToDictionary(i => (i.ServiceId, i.StartUtc), i => (i.Id, i.Free));

    private async Task<(long Id, bool HadFreeSeat)?> FindAsync(int serviceId, DateTime startUtc, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return (await FindCountersAsync(db, [serviceId], [startUtc], cancellationToken)).TryGetValue((serviceId, startUtc), out var counter) ? counter : null;
    }
}
