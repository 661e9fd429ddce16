namespace BookingPortal.Features.Insights;

/// <summary>
/// Where the demand is: appointments and sold-out slots by weekday and hour of the service's clock, over past weeks
/// and the weeks already open for booking. Grouped by slot start in the database over the (ServiceId, StartUtc)
/// indexes of bookings and seat counters; the slot starts are placed on the local clock here, so DST is right.
/// </summary>
[ScopedService]
public sealed class DemandQueries(IDbContextFactory<BookingDbContext> dbFactory, TimeProvider time)
    : InsightsQuery<DemandMap>(dbFactory, time)
{
    protected override async Task<DemandMap> QueryAsync(BookingDbContext db, InsightsPeriod period, CancellationToken cancellationToken)
    {
        var (service, calendar, from, until, fromUtc, untilUtc) = period;
        var booked = await period.Bookings(db).Where(b => b.Status != BookingStatus.Cancelled)
            .GroupBy(b => b.StartUtc).Select(g => new { StartUtc = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var full = await db.SlotInventories.AsNoTracking()
            .Where(s => s.ServiceId == service.Id && s.StartUtc >= fromUtc && s.StartUtc < untilUtc && s.Capacity > 0 && s.Booked >= s.Capacity)
            .Select(s => s.StartUtc).ToListAsync(cancellationToken);

        var bookings = new int[DemandMap.Days, DemandMap.Hours];
        foreach (var slot in booked)
        {
            Add(bookings, calendar.Local(slot.StartUtc), slot.Count);
        }

        var fullSlots = new int[DemandMap.Days, DemandMap.Hours];
        foreach (var startUtc in full)
        {
            Add(fullSlots, calendar.Local(startUtc), 1);
        }

        return new DemandMap(service, from, until, bookings, fullSlots);
    }

    private static void Add(int[,] cells, DateTimeOffset local, int count) => cells[DemandMap.RowOf(local.DayOfWeek), local.Hour] += count;
}
