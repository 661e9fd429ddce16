namespace BookingPortal.Features.Practitioners;

/// <summary>
/// Which bookings fall in a practitioner's time off, decided here only: those holding a seat, with that practitioner,
/// overlapping the time off read in their zone, and not over yet. Time off is saved before its bookings are dealt
/// with, so one left half done leaves customers coming to nobody: the time off's own panel lists them
/// (<see cref="TimeOffService"/>), and its entry in the list, the dashboard and the front desk show them
/// (<see cref="TimeOffWatch"/>) until each is given to a colleague or cancelled.
/// </summary>
internal static class BookingsInTimeOff
{
    /// <summary>A time off and the bookings still in it.</summary>
    internal sealed record Entry(AvailabilityException TimeOff, IReadOnlyList<Guid> BookingIds);

    /// <summary>The bookings still in one time off (none once it is over), for the caller to shape.</summary>
    public static IQueryable<Domain.Booking> Of(BookingDbContext db, AvailabilityException timeOff, TimeZoneInfo zone, DateTime nowUtc)
    {
        var fromUtc = WallTime.ToUtc(timeOff.StartLocal, zone);
        var toUtc = WallTime.ToUtc(timeOff.EndLocal, zone);
        return PractitionerAppointments.Overlapping(db, timeOff.PractitionerId, fromUtc > nowUtc ? fromUtc : nowUtc, toUtc, onlyHoldingSeats: true);
    }

    /// <summary>
    /// Each time off not yet over, of the practitioners given (all when null), with the bookings still in it: one
    /// query for the entries, one or two per practitioner for their zone, one per entry, each on an index of bookings.
    /// </summary>
    public static async Task<List<Entry>> AheadAsync(BookingDbContext db, IReadOnlyCollection<int>? practitionerIds, DateTime nowUtc, CancellationToken cancellationToken)
    {
        // By the wall clock, with a day to spare (no zone is a day from UTC): each entry's own query decides exactly.
        var endsAfter = nowUtc.AddDays(-1);
        var query = db.AvailabilityExceptions.AsNoTracking().Where(e => e.Kind == AvailabilityExceptionKind.TimeOff && e.EndLocal > endsAfter);
        if (practitionerIds is not null)
        {
            query = query.Where(e => practitionerIds.Contains(e.PractitionerId));
        }

        var zones = new Dictionary<int, TimeZoneInfo>();
        var entries = new List<Entry>();
        foreach (var timeOff in await query.OrderBy(e => e.PractitionerId).ThenBy(e => e.StartLocal).ToListAsync(cancellationToken))
        {
            if (!zones.TryGetValue(timeOff.PractitionerId, out var zone))
            {
                zones[timeOff.PractitionerId] = zone = TimeZoneCache.Find(await PractitionerZone.OfAsync(db, timeOff.PractitionerId, cancellationToken));
            }

            entries.Add(new Entry(timeOff, await Of(db, timeOff, zone, nowUtc).Select(b => b.Id).ToListAsync(cancellationToken)));
        }

        return entries;
    }
}
