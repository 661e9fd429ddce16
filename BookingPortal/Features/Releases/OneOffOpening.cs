namespace BookingPortal.Features.Releases;

/// <summary>How a wall-clock time typed for a one-off opening falls on the service's clock.</summary>
public enum LocalTimeFit
{
    /// <summary>The time happens once that day.</summary>
    Once,

    /// <summary>The clocks skip it (spring forward): there is no such moment.</summary>
    Skipped,

    /// <summary>The clocks go back over it, so it happens twice: the opening takes the first.</summary>
    Twice,
}

/// <summary>A one-off opening typed on the service's clock, as the instant it is stored as.</summary>
public sealed record OneOffOpening(DateTime WallClock, DateTime? Utc, LocalTimeFit Fit)
{
    /// <summary>
    /// The instant a wall-clock time in <paramref name="zone"/> names, by the slots' rule (<see cref="SlotSchedule.ToInstant"/>):
    /// none inside a DST gap, the earlier of the two when the clocks go back. Staff are told which, beside the field.
    /// </summary>
    public static OneOffOpening FromWallClock(DateTime wallClock, TimeZoneInfo zone)
    {
        var local = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        return SlotSchedule.ToInstant(local, zone) is { } instant
            ? new(local, instant.UtcDateTime, zone.IsAmbiguousTime(local) ? LocalTimeFit.Twice : LocalTimeFit.Once)
            : new(local, null, LocalTimeFit.Skipped);
    }

    /// <summary>A stored opening on the service's clock, as the field shows it.</summary>
    public static DateTime ToWallClock(DateTime utc, TimeZoneInfo zone) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone), DateTimeKind.Unspecified);
}
