namespace BookingPortal.Domain;

/// <summary>Wall-clock times of a rota (working hours, time off) as instants, across DST changes.</summary>
public static class WallTime
{
    /// <summary>
    /// The instant a rota's boundary falls on. A wall time the clocks skip (spring forward) becomes the moment
    /// they jump, the first instant whose wall time is at or after it: hours "2:30 to 5:00" start at 3:00 that
    /// night. A wall time that happens twice (fall back) takes the earlier instant, as slots do.
    /// </summary>
    public static DateTime ToUtc(DateTime wallClock, TimeZoneInfo zone)
    {
        var local = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        if (SlotSchedule.ToInstant(local, zone) is { } instant)
        {
            return instant.UtcDateTime;
        }

        // Inside a gap: walk from the earliest candidate instant to the first whose wall time reaches it (a gap is at most hours long).
        var largestOffset = new[] { zone.GetUtcOffset(local.AddDays(-1)), zone.GetUtcOffset(local.AddDays(1)) }.Max();
        var utc = DateTime.SpecifyKind(local - largestOffset, DateTimeKind.Utc);
        utc = new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);
        while (TimeZoneInfo.ConvertTimeFromUtc(utc, zone) < local)
        {
            utc = utc.AddMinutes(1);
        }

        return utc;
    }

    /// <summary>
    /// The first instant of a local day. Where the clocks spring forward at midnight (Santiago, Cairo, Beirut, Havana)
    /// that midnight never happens, and the day starts when they jump.
    /// </summary>
    public static DateTime DayStartUtc(DateOnly date, TimeZoneInfo zone) => ToUtc(date.ToDateTime(TimeOnly.MinValue), zone);

    public static TimeRange ToUtc(DateTime startWallClock, DateTime endWallClock, TimeZoneInfo zone) =>
        new(ToUtc(startWallClock, zone), ToUtc(endWallClock, zone));

    /// <summary>The Monday of the week <paramref name="date"/> falls in: staff calendars run Monday to Sunday.</summary>
    public static DateOnly WeekStart(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    public static DateOnly LocalDateOf(DateTime utc, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));
}
