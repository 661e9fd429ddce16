using BookingPortal.Features.Audit;
using BookingPortal.Features.Bookings;
using BookingPortal.Features.Notifications;
using BookingPortal.Features.Staff;

namespace BookingPortal.Features.Admin;

/// <summary>
/// Archiving takes a service out of the catalogue; bookings already made are kept. Its waitlist ends with it: a seat of a service
/// the catalogue no longer has cannot be claimed, so an offer, or a wait for one, would be a promise nobody can keep. Each customer
/// waiting or offered a seat is told, seats held for offers go back to their counters, and a seat freed later is offered to
/// nobody (<see cref="SeatReleaser"/>). Restoring brings the service back, not the waitlist: its customers were told it ended.
/// </summary>
[ScopedService]
public sealed class ServiceArchiving(IDbContextFactory<BookingDbContext> dbFactory, AuditLog audit, WaitlistClosedMessages messages, TimeProvider time)
{
    /// <returns>Whether the service changed, and how many customers were told their waitlist places ended: as the dialog counts them.</returns>
    public async Task<(bool Changed, int CustomersTold)> SetArchivedAsync(StaffActor actor, int serviceId, bool archived, CancellationToken cancellationToken)
    {
        actor.EnsureStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await db.Services.Where(s => s.Id == serviceId && s.IsArchived != archived)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.IsArchived, archived), cancellationToken) == 1;
        var (places, customers) = changed && archived ? await EndWaitlistAsync(db, serviceId, cancellationToken) : (0, 0);
        if (changed)
        {
            audit.Record(db, actor, archived ? "service.archived" : "service.restored", $"service {serviceId}",
                archived ? $"{places} waitlist place(s) ended, {customers} customer(s) told." : "");
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (changed, customers);
    }

    /// <summary>How many customers archiving the service now would tell that their waitlist place ended: what staff are asked to confirm.</summary>
    public async Task<int> CustomersToTellAsync(StaffActor actor, int serviceId, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var places = await PlacesToEndAsync(db, serviceId, time.GetUtcNow().UtcDateTime, cancellationToken);
        return await places.Select(e => e.CustomerId).Distinct().CountAsync(cancellationToken);
    }

    /// <summary>
    /// The waitlist places archiving ends: offered, or waiting for a day or time still to come. Places for days already gone are
    /// moot (no seat of theirs can be freed now): they are left as they are, untold.
    /// </summary>
    private static async Task<IQueryable<WaitlistEntry>> PlacesToEndAsync(BookingDbContext db, int serviceId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var zoneId = await db.Services.Where(s => s.Id == serviceId).Select(s => s.TimeZoneId).SingleAsync(cancellationToken);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(nowUtc, TimeZoneCache.Find(zoneId)));
        return db.WaitlistEntries.AsNoTracking()
            .Where(e => e.ServiceId == serviceId && (e.Status == WaitlistStatus.Offered
                        || (e.Status == WaitlistStatus.Waiting && (e.SlotStartUtc == null ? e.LocalDate >= today : e.SlotStartUtc > nowUtc))));
    }

    /// <summary>
    /// Under the locks of the service's upcoming seat counters (and those holding its offers), in id order, as every transaction
    /// takes counters: a release on one of them either finished before, and its offer is ended here, or waits, then finds the
    /// service archived and offers nobody. A customer waiting for several days or times is one customer told, as the dialog counts,
    /// by one message naming the days.
    /// </summary>
    private async Task<(int Places, int Customers)> EndWaitlistAsync(BookingDbContext db, int serviceId, CancellationToken cancellationToken)
    {
        var nowUtc = time.GetUtcNow().UtcDateTime;
        var counters = await db.SlotInventories.Where(i => i.ServiceId == serviceId && (i.StartUtc > nowUtc || db.WaitlistEntries.Any(
                e => e.OfferedSlotInventoryId == i.Id && e.Status == WaitlistStatus.Offered)))
            .OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(cancellationToken);
        foreach (var id in counters)
        {
            await SlotInventoryStore.LockAsync(db, id, cancellationToken);
        }

        var entries = await (await PlacesToEndAsync(db, serviceId, nowUtc, cancellationToken))
            .OrderBy(e => e.Id).Select(e => new { e.Id, e.Status, e.OfferedSlotInventoryId, e.CustomerId }).ToListAsync(cancellationToken);
        var ended = new List<(string CustomerId, long Id)>();
        foreach (var entry in entries)
        {
            // Conditional: a customer who left or claimed at that moment keeps what they did.
            if (await db.WaitlistEntries.Where(e => e.Id == entry.Id && e.Status == entry.Status)
                    .ExecuteUpdateAsync(e => e.SetProperty(x => x.Status, WaitlistStatus.Expired), cancellationToken) != 1)
            {
                continue;
            }

            if (entry is { Status: WaitlistStatus.Offered, OfferedSlotInventoryId: { } held })
            {
                await db.SlotInventories.Where(i => i.Id == held && i.Booked > 0).ExecuteUpdateAsync(i => i.SetProperty(x => x.Booked, x => x.Booked - 1), cancellationToken);
            }

            ended.Add((entry.CustomerId, entry.Id));
        }

        var customers = ended.GroupBy(e => e.CustomerId).ToList();
        foreach (var places in customers)
        {
            await messages.QueueAsync(db, places.Select(e => e.Id).ToList(), cancellationToken);
        }

        return (ended.Count, customers.Count);
    }
}
