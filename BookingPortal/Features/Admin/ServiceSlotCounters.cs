using BookingPortal.Features.Bookings;

namespace BookingPortal.Features.Admin;

/// <summary>What a service edit does to the seat counters of upcoming times, in the edit's transaction.</summary>
internal static class ServiceSlotCounters
{
    /// <returns>False when a booking or move landed on a time the edit changes since the check: nothing may be saved.</returns>
    public static async Task<bool> ApplyAsync(BookingDbContext db, SeatReleaser seats, ServiceChangeImpact impact, DateTime nowUtc, CancellationToken cancellationToken) =>
        await ServiceChanges.CountUncountedTimesAsync(db, impact, cancellationToken)
        && await RetireRemovedTimesAsync(db, impact, cancellationToken)
        && await ApplyCapacityChangesAsync(db, seats, impact, nowUtc, cancellationToken);

    /// <summary>
    /// Upcoming times the edit takes away keep seat counters of their own: those are closed, under their locks (taken in
    /// id order with the counters whose capacity changes), so a booking, a move or a waitlist claim that read the old
    /// slots finds no seat there; seats held for waitlist offers are withdrawn, as closing a slot withdraws them. A time
    /// given back has its counters closed that way opened again.
    /// </summary>
    /// <returns>False when a booking landed on a removed time since the check.</returns>
    private static async Task<bool> RetireRemovedTimesAsync(BookingDbContext db, ServiceChangeImpact impact, CancellationToken cancellationToken)
    {
        var removed = impact.Removed;
        foreach (var id in removed.Union(impact.Restored).Union(impact.CapacityChanges.Select(c => c.InventoryId)).Order())
        {
            await SlotInventoryStore.LockAsync(db, id, cancellationToken);
        }

        await db.SlotInventories.Where(i => impact.Restored.Contains(i.Id)).ExecuteUpdateAsync(i => i.SetProperty(x => x.IsClosed, false), cancellationToken);
        if (removed.Count == 0)
        {
            return true;
        }

        if (await db.Bookings.Where(Domain.Booking.HoldsSeat).AnyAsync(b => removed.Contains(b.SlotInventoryId), cancellationToken))
        {
            return false;
        }

        await SlotCalendarService.WithdrawOffersAsync(db, removed, cancellationToken);
        await db.SlotInventories.Where(i => removed.Contains(i.Id)).ExecuteUpdateAsync(i => i.SetProperty(x => x.IsClosed, true), cancellationToken);
        return true;
    }

    /// <summary>
    /// A slot's capacity moves by the template's change, not to a number worked out from an earlier read: seats staff
    /// added to that one slot (before the edit or while it was being saved) stay added, and new seats are offered to
    /// the waitlist only as the counter has them free.
    /// </summary>
    /// <returns>False when a booking that arrived since the check no longer fits a smaller slot.</returns>
    private static async Task<bool> ApplyCapacityChangesAsync(
        BookingDbContext db, SeatReleaser seats, ServiceChangeImpact impact, DateTime nowUtc, CancellationToken cancellationToken)
    {
        // In the order of the counters' ids, as every transaction that holds several counters locks them.
        foreach (var (inventoryId, change) in impact.CapacityChanges.OrderBy(c => c.InventoryId))
        {
            // Conditional: a booking that arrived since the check must still fit.
            var updated = await db.SlotInventories.Where(i => i.Id == inventoryId && i.Booked <= i.Capacity + change)
                .ExecuteUpdateAsync(i => i.SetProperty(x => x.Capacity, x => x.Capacity + change), cancellationToken);
            if (updated != 1)
            {
                return false;
            }

            await seats.OfferNewSeatsAsync(db, inventoryId, change, nowUtc, cancellationToken);
        }

        return true;
    }
}
