using BookingPortal.Features.Bookings;

namespace BookingPortal.Features.Catalog;

/// <summary>The read side of services and their availability. Never writes.</summary>
// Stateless and on a waiting customer's page: a singleton, so no waiting circuit holds its own (ServiceLifetimeTests).
[SingletonService]
public sealed class CatalogService(IDbContextFactory<BookingDbContext> dbFactory, TimeProvider time)
{
    public async Task<IReadOnlyList<ServiceSummary>> ListServicesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Services.AsNoTracking()
            .Where(s => !s.IsArchived)
            .OrderBy(s => s.Name)
            .Select(s => new ServiceSummary(s.Id, s.Name, s.Description, s.DurationMinutes, s.Price, s.Currency, s.LocationKind, s.TimeZoneId))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The service with its time-slot templates, or null when it does not exist or is archived.</summary>
    public async Task<Service?> GetServiceAsync(int serviceId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await OnOffer(db).FirstOrDefaultAsync(s => s.Id == serviceId, cancellationToken);
    }

    /// <summary>The services customers may book (not archived), each with its time-slot templates.</summary>
    public static IQueryable<Service> OnOffer(BookingDbContext db) =>
        db.Services.AsNoTracking().Include(s => s.TimeSlots).Where(s => !s.IsArchived);

    public Task<BookingCalendar> GetCalendarAsync(Service service, CancellationToken cancellationToken = default) =>
        GetCalendarAsync(service, Task.FromResult, cancellationToken);

    /// <param name="shown">Narrows the window's slots to one choice's (a named practitioner's) before the dates are read from them.</param>
    public async Task<BookingCalendar> GetCalendarAsync(
        Service service, Func<IReadOnlyList<SlotAvailability>, Task<IReadOnlyList<SlotAvailability>>> shown, CancellationToken cancellationToken = default)
    {
        var (first, last) = BookingRules.BookableDates(service, time.GetUtcNow().UtcDateTime);
        var slots = await shown(await GetSlotsAsync(service, first, last, cancellationToken));
        var nowUtc = time.GetUtcNow().UtcDateTime;
        static DateOnly DateOf(SlotAvailability s) => DateOnly.FromDateTime(s.LocalStart.DateTime);
        var withSlots = slots.Where(s => BookingRules.CheckWindow(service, s.StartUtc, nowUtc) is null).Select(DateOf).ToHashSet();
        var withSeats = slots.Where(s => s.IsBookable).Select(DateOf).ToHashSet();
        return new BookingCalendar(first, last, withSlots, withSeats);
    }

    public Task<IReadOnlyList<SlotAvailability>> GetSlotsAsync(Service service, DateOnly localDate, CancellationToken cancellationToken = default) =>
        GetSlotsAsync(service, localDate, localDate, cancellationToken);

    /// <summary>The dates whose slots are for sale: all of them, unless the service's release sells a date range.</summary>
    public async Task<SlotDateRange> SlotDatesAsync(int serviceId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await SlotDatesAsync(db, serviceId, cancellationToken);
    }

    private static async Task<SlotDateRange> SlotDatesAsync(BookingDbContext db, int serviceId, CancellationToken cancellationToken) =>
        await db.Releases.AsNoTracking().Where(r => r.ServiceId == serviceId)
            .Select(r => new SlotDateRange(r.SlotsFrom, r.SlotsUntil))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Every scheduled slot between two local dates, merged with the seat counters that exist for them; on a service
    /// that books practitioners, a slot's seats are also at most those its free practitioners can give (the one asked
    /// for by <paramref name="practitionerId"/>, or any).
    /// </summary>
    public async Task<IReadOnlyList<SlotAvailability>> GetSlotsAsync(
        Service service, DateOnly fromLocal, DateOnly toLocal, CancellationToken cancellationToken = default, int? practitionerId = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sold = await SlotDatesAsync(db, service.Id, cancellationToken);
        var occurrences = SlotSchedule.ForRange(service, fromLocal, toLocal).Where(sold.Contains).ToList();
        if (occurrences.Count == 0)
        {
            return [];
        }

        var fromUtc = occurrences[0].StartUtc;
        var toUtc = occurrences[^1].StartUtc;
        var counters = await db.SlotInventories.AsNoTracking()
            .Where(i => i.ServiceId == service.Id && i.StartUtc >= fromUtc && i.StartUtc <= toUtc)
            .ToDictionaryAsync(i => i.StartUtc, cancellationToken);

        var staffing = service.BooksPractitioners
            ? await PractitionerSeats.LoadAsync(db, service, fromUtc, occurrences[^1].EndUtc, null, cancellationToken)
            : null;
        var nowUtc = time.GetUtcNow().UtcDateTime;
        return occurrences.Select(o =>
        {
            var counter = counters.GetValueOrDefault(o.StartUtc);
            var capacity = counter?.Capacity ?? o.Capacity;
            var remaining = Math.Min(counter?.Remaining ?? o.Capacity, staffing?.SeatsFor(practitionerId, o.StartUtc, o.EndUtc) ?? int.MaxValue);
            var bookable = remaining > 0 && BookingRules.CheckWindow(service, o.StartUtc, nowUtc) is null;
            return new SlotAvailability(o.StartUtc, o.EndUtc, o.LocalStart, o.LocalEnd, capacity, remaining, bookable)
            {
                FreePractitionerIds = staffing is null ? null : remaining > 0 ? staffing.FreePractitioners(o.StartUtc, o.EndUtc) : [],
            };
        }).ToList();
    }
}
