using BookingPortal.Features.Catalog;

namespace BookingPortal.Features.Practitioners;

/// <summary>
/// What staff may not take from a practitioner while upcoming bookings rely on it: the hours a booking sits in, being
/// active, a service they are booked for. Such a change left the bookings with someone the portal itself now treats
/// as unavailable, and told nobody. It is refused with the bookings counted and the way out named: time off over
/// them lists them, to give to a colleague or cancel (TimeOffService). Call with the practitioner's row locked
/// (PractitionerSeats.LockAsync), so a booking made meanwhile has committed and counts.
/// </summary>
internal static class StrandedBookings
{
    internal sealed record Upcoming(int ServiceId, DateTime StartUtc, DateTime EndUtc, string TimeZoneId);

    /// <summary>The practitioner's availability as stored now.</summary>
    public static async Task<Availability> AvailabilityAsync(BookingDbContext db, int practitionerId, CancellationToken cancellationToken) =>
        new(await db.WorkingHours.AsNoTracking().Where(h => h.PractitionerId == practitionerId).ToListAsync(cancellationToken),
            await db.AvailabilityExceptions.AsNoTracking().Where(e => e.PractitionerId == practitionerId).ToListAsync(cancellationToken));

    public static Task<List<Upcoming>> OfAsync(BookingDbContext db, int practitionerId, DateTime nowUtc, CancellationToken cancellationToken) =>
        db.Bookings.AsNoTracking().Where(Domain.Booking.HoldsSeat).Where(b => b.PractitionerId == practitionerId && b.EndUtc > nowUtc)
            .OrderBy(b => b.StartUtc)
            .Select(b => new Upcoming(b.ServiceId, b.StartUtc, b.EndUtc, b.Service!.TimeZoneId))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// The bookings the practitioner's time covered before a change (weekly hours, less time off, plus extra hours) and
    /// no longer covers after it. One already outside it (in time off, which lists it) is not the change's doing and
    /// does not hold it up.
    /// </summary>
    public static List<Upcoming> LeftOutBy(IEnumerable<Upcoming> upcoming, Availability before, Availability after) =>
        upcoming.Where(b => Covered(b, before) && !Covered(b, after)).ToList();

    /// <summary>A practitioner's weekly hours with their time off and extra hours.</summary>
    internal sealed record Availability(IReadOnlyList<WorkingHours> Hours, IReadOnlyList<AvailabilityException> Exceptions);

    private static bool Covered(Upcoming booking, Availability availability)
    {
        var zone = TimeZoneCache.Find(booking.TimeZoneId);
        var free = PractitionerSchedule.FreeIntervals(availability.Hours, availability.Exceptions, zone, WallTime.LocalDateOf(booking.StartUtc, zone));
        return PractitionerSchedule.Covers(free, new TimeRange(booking.StartUtc, booking.EndUtc));
    }

    /// <summary>"3 upcoming booking(s), the first on 12/3, 9:00": the count and where to start looking.</summary>
    public static string Describe(IReadOnlyList<Upcoming> stranded, IStringLocalizer<PractitionersText> text)
    {
        var first = stranded[0];
        var local = TimeZoneInfo.ConvertTime(new DateTimeOffset(first.StartUtc, TimeSpan.Zero), TimeZoneCache.Find(first.TimeZoneId));
        var culture = CultureInfo.CurrentCulture;
        return text["{0} upcoming booking(s), the first on {1}", stranded.Count, $"{DisplayFormat.ShortDate(local, culture)}, {DisplayFormat.Time(local, culture)}"];
    }
}
