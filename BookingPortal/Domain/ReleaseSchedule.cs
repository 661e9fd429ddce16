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

            // A time the clocks skip that day opens when they jump (03:00 for 02:30 in New York), as Quartz's cron fires it;
            // skipping it, the domain knew of no opening that week while the scheduler opened one. A repeated time is the first.
            var instant = WallTime.ToUtc(date.ToDateTime(release.RecurringLocalTime), zone);
            if (instant > afterUtc)
            {
                return instant;
            }
        }

        return null;
    }

    /// <summary>The latest opening whose early-access window has started by <paramref name="atUtc"/>, or null before the first.</summary>
    public static DateTime? CurrentOpening(Release release, TimeZoneInfo zone, DateTime atUtc) => LatestOpening(release, zone, atUtc + release.EarlyAccess);

    /// <summary>The latest opening at or before <paramref name="atUtc"/>, or null before the first.</summary>
    public static DateTime? LatestOpening(Release release, TimeZoneInfo zone, DateTime atUtc)
    {
        if (!release.IsRecurring)
        {
            return release.OpensAtUtc is { } once && once <= atUtc ? once : null;
        }

        DateTime? latest = null;
        for (var candidate = NextOpening(release, zone, atUtc.AddDays(-8)); candidate is { } c && c <= atUtc; candidate = NextOpening(release, zone, c))
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
