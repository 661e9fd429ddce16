using BookingPortal.Domain;
using Microsoft.EntityFrameworkCore;

namespace BookingPortal.Tests.TestSupport;

/// <summary>The seat invariants a race must leave standing, stated for the tests' assertions.</summary>
public static class SeatInvariants
{
    /// <summary>
    /// Every counter within 0..capacity and equal to the active bookings on its slot plus the seats
    /// held for waitlist offers on it; each violation described with the slot's id.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(PortalFactory factory)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var counters = await db.SlotInventories.AsNoTracking().ToListAsync();
        var active = await db.Bookings.Where(b => b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.PendingPayment)
            .GroupBy(b => b.SlotInventoryId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var offered = await db.WaitlistEntries.Where(e => e.Status == WaitlistStatus.Offered && e.OfferedSlotInventoryId != null)
            .GroupBy(e => e.OfferedSlotInventoryId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        return counters
            .Where(c => c.Booked < 0 || c.Booked > c.Capacity || c.Booked != active.GetValueOrDefault(c.Id) + offered.GetValueOrDefault(c.Id))
            .Select(c => $"slot {c.Id} ({c.StartUtc:o}): counter {c.Booked} of {c.Capacity}, {active.GetValueOrDefault(c.Id)} active booking(s), {offered.GetValueOrDefault(c.Id)} offer(s)")
            .ToList();
    }
}
