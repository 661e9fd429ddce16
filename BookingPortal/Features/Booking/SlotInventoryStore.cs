using BookingPortal.Data;
using BookingPortal.Domain;
using Microsoft.EntityFrameworkCore;

namespace BookingPortal.Features.Booking;

/// <summary>
/// Seat counters are created on the first booking of a slot rather than materialised for the
/// whole horizon: no job has to keep a rolling window filled, and a template change applies at
/// once to every slot nobody has booked yet. The unique (ServiceId, StartUtc) index makes two
/// first bookings agree on one row.
/// </summary>
public sealed class SlotInventoryStore(IDbContextFactory<BookingDbContext> dbFactory)
{
    public async Task<long> EnsureAsync(int serviceId, SlotOccurrence slot, CancellationToken cancellationToken)
    {
        var existing = await FindAsync(serviceId, slot.StartUtc, cancellationToken);
        if (existing is { } id)
        {
            return id;
        }

        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var counter = new SlotInventory
            {
                ServiceId = serviceId,
                StartUtc = slot.StartUtc,
                EndUtc = slot.EndUtc,
                Capacity = slot.Capacity,
            };
            db.SlotInventories.Add(counter);
            await db.SaveChangesAsync(cancellationToken);
            return counter.Id;
        }
        catch (DbUpdateException)
        {
            // Someone else created it between our look-up and our insert: theirs is the one.
            return await FindAsync(serviceId, slot.StartUtc, cancellationToken)
                ?? throw new InvalidOperationException($"Slot counter for service {serviceId} at {slot.StartUtc:o} could not be created.");
        }
    }

    private async Task<long?> FindAsync(int serviceId, DateTime startUtc, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.SlotInventories.AsNoTracking()
            .Where(i => i.ServiceId == serviceId && i.StartUtc == startUtc)
            .Select(i => (long?)i.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
