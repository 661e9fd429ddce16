namespace BookingPortal.Domain;

/// <summary>When a release opens, computed in the service's zone so a 09:00 opening stays at 09:00 across DST.</summary>
public static class ReleaseSchedule
{
    /// <summary>The first opening strictly after <paramref name="afterUtc"/>, or null when there is none (a past one-off).</summary>
    public static DateTime? NextOpening(Release release, TimeZoneInfo zone, DateTime afterUtc)
    {
        if (!release.IsRecurring)
        {
            return release.OpensAtUtc is { } once && once > afterUtc ? once : null;
        }

        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(afterUtc, zone));
        for (var day = 0; day <= 8; day++)
        {
            var date = localDate.AddDays(day);
            if (!release.RecurringDays.Includes(date.DayOfWeek))
            {
                continue;
            }

            var instant = OpeningInstant(date.ToDateTime(release.RecurringLocalTime), zone);
            if (instant > afterUtc)
            {
                return instant;
            }
        }

        return null;
    }

    /// <summary>
    /// A time in the spring-forward gap does not exist that day: the opening is when the clocks jump (03:00 for 02:30
    /// in New York), as Quartz's cron fires it. Skipping it, the domain knew of no opening that week while the scheduler
    /// opened one. A time that happens twice is the first, as Quartz has it too.
    /// </summary>
    private static DateTime OpeningInstant(DateTime wallClock, TimeZoneInfo zone)
    {
        if (SlotSchedule.ToInstant(wallClock, zone) is { } instant)
        {
            return instant.UtcDateTime;
        }

        var lastBeforeGap = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(lastBeforeGap))
        {
            lastBeforeGap = lastBeforeGap.AddMinutes(-1);
        }

        return new DateTimeOffset(lastBeforeGap, zone.GetUtcOffset(lastBeforeGap)).UtcDateTime.AddMinutes(1);
    }

    /// <summary>The latest opening whose early-access window has started by <paramref name="atUtc"/>, or null before the first.</summary>
    public static DateTime? CurrentOpening(Release release, TimeZoneInfo zone, DateTime atUtc)
    {
        var horizon = atUtc + release.EarlyAccess;
        if (!release.IsRecurring)
        {
            return release.OpensAtUtc is { } once && once <= horizon ? once : null;
        }

        DateTime? latest = null;
        for (var candidate = NextOpening(release, zone, horizon.AddDays(-8)); candidate is { } c && c <= horizon; candidate = NextOpening(release, zone, c))
        {
            latest = c;
        }

        return latest;
    }

    /// <summary>Quartz cron for the recurring opening ("0 0 9 ? * MON"), to be read in the service's zone.</summary>
    public static string Cron(Release release)
    {
        var days = release.RecurringDays.Days().Select(d => d.ToString()[..3].ToUpperInvariant());
        return $"0 {release.RecurringLocalTime.Minute} {release.RecurringLocalTime.Hour} ? * {string.Join(',', days)}";
    }
}
