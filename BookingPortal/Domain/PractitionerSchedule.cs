namespace BookingPortal.Domain;

/// <summary>When a practitioner works on a date: their rota, less time off, plus extra hours.</summary>
public static class PractitionerSchedule
{
    /// <summary>
    /// The free intervals of one local date, in UTC: the weekly ranges valid on that date, less every time off that
    /// touches them, plus the extra hours that touch the date (extra hours win over time off: coming in for a
    /// morning during a holiday week is entered as both). Wall times convert in the service's zone, so a range
    /// across a DST change lasts the real time the clock shows.
    /// </summary>
    public static List<TimeRange> FreeIntervals(
        IEnumerable<WorkingHours> hours, IEnumerable<AvailabilityException> exceptions, TimeZoneInfo zone, DateOnly localDate)
    {
        var day = new TimeRange(WallTime.DayStartUtc(localDate, zone), WallTime.DayStartUtc(localDate.AddDays(1), zone));
        var rota = hours.Where(h => h.AppliesOn(localDate))
            .Select(h => WallTime.ToUtc(localDate.ToDateTime(h.Start), localDate.ToDateTime(h.End), zone));
        var changes = exceptions.Select(e => (e.Kind, Range: WallTime.ToUtc(e.StartLocal, e.EndLocal, zone)))
            .Where(e => e.Range.Overlaps(day)).ToList();
        var timeOff = changes.Where(e => e.Kind == AvailabilityExceptionKind.TimeOff).Select(e => e.Range).ToList();
        var extra = changes.Where(e => e.Kind == AvailabilityExceptionKind.ExtraHours).Select(e => e.Range);
        return TimeRange.Union(TimeRange.Subtract(rota, timeOff).Concat(extra));
    }

    public static bool Covers(IEnumerable<TimeRange> freeIntervals, TimeRange appointment) =>
        freeIntervals.Any(f => f.Contains(appointment));
}
