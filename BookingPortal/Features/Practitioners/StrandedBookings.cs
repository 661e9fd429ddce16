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

    public static Task<List<Upcoming>> OfAsync(BookingDbContext db, int practitionerId, DateTime nowUtc, CancellationToken cancellationToken) =>
        db.Bookings.AsNoTracking().Where(Domain.Booking.HoldsSeat).Where(b => b.PractitionerId == practitionerId && b.EndUtc > nowUtc)
            .OrderBy(b => b.StartUtc)
            .Select(b => new Upcoming(b.ServiceId, b.StartUtc, b.EndUtc, b.Service!.TimeZoneId))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// The bookings the weekly hours covered <paramref name="before"/> (with the practitioner's time off and extra hours)
    /// and no longer cover <paramref name="after"/>. One already outside them (in time off, which lists it) is not the
    /// new hours' doing and does not hold them up.
    /// </summary>
    public static List<Upcoming> LeftOutBy(
        IEnumerable<Upcoming> upcoming, IReadOnlyList<WorkingHours> before, IReadOnlyList<WorkingHours> after, IReadOnlyList<AvailabilityException> exceptions) =>
        upcoming.Where(b => Covered(b, before, exceptions) && !Covered(b, after, exceptions)).ToList();

    private static bool Covered(Upcoming booking, IReadOnlyList<WorkingHours> hours, IReadOnlyList<AvailabilityException> exceptions)
    {
        var zone = TimeZoneCache.Find(booking.TimeZoneId);
        var free = PractitionerSchedule.FreeIntervals(hours, exceptions, zone, WallTime.LocalDateOf(booking.StartUtc, zone));
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
