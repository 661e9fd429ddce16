using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
// Not System.Globalization.Calendar, which the project imports everywhere.
using Calendar = Ical.Net.Calendar;

namespace BookingPortal.Features.Practitioners;

/// <summary>A time an outside calendar says the practitioner is taken, in UTC.</summary>
public sealed record BusyPeriod(DateTime StartUtc, DateTime EndUtc);

/// <summary>
/// Reads the busy times of a published calendar (the .ics feed Google and Outlook give out): every event
/// occurrence in the window, repeating ones expanded with their exceptions, except those marked free
/// (TRANSP:TRANSPARENT) or cancelled. Times without a zone (floating, and all-day dates) are read in the
/// practitioner's zone, as their own calendar app would show them.
/// </summary>
public static class BusyFeedParser
{
    /// <summary>Enough for a very full diary over the window; a feed that repeats an event every minute stops here.</summary>
    public const int MaxPeriods = 2000;

    /// <summary>How far before the window an event may start and still be seen (a two-week holiday begun earlier).</summary>
    private static readonly TimeSpan LongestEvent = TimeSpan.FromDays(31);

    /// <returns>The busy periods overlapping [from, to), clipped to it and merged where they overlap; null when the text is no calendar.</returns>
    public static IReadOnlyList<BusyPeriod>? Parse(string ics, DateTime fromUtc, DateTime toUtc, TimeZoneInfo zone)
    {
        try
        {
            return Calendar.Load(ics) is { } calendar ? Merge(Read(calendar, fromUtc, toUtc, zone)) : null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Ical.Net reports a malformed file (or a rule or zone it cannot evaluate) with many exception types:
            // any of them means this text is no calendar the portal can read.
            return null;
        }
    }

    private static IEnumerable<BusyPeriod> Read(Calendar calendar, DateTime fromUtc, DateTime toUtc, TimeZoneInfo zone) =>
        calendar.GetOccurrences<CalendarEvent>(new CalDateTime(fromUtc - LongestEvent, "UTC"))
            .TakeWhileBefore(new CalDateTime(toUtc, "UTC"))
            .Where(o => o.Source is CalendarEvent e && IsBusy(e))
            .Select(o => new BusyPeriod(ToUtc(o.Period.StartTime, zone), ToUtc(o.Period.EffectiveEndTime ?? o.Period.StartTime, zone)))
            .Where(p => p.EndUtc > fromUtc && p.StartUtc < toUtc && p.EndUtc > p.StartUtc)
            .Take(MaxPeriods)
            .Select(p => new BusyPeriod(Max(p.StartUtc, fromUtc), Min(p.EndUtc, toUtc)))
            // Evaluated here, inside the caller's try: Ical.Net reads lazily.
            .ToList();

    private static bool IsBusy(CalendarEvent e) =>
        !string.Equals(e.Transparency, TransparencyType.Transparent, StringComparison.OrdinalIgnoreCase)
        && !string.Equals(e.Status, EventStatus.Cancelled, StringComparison.OrdinalIgnoreCase);

    private static DateTime ToUtc(CalDateTime time, TimeZoneInfo zone) =>
        time.IsFloating ? WallTime.ToUtc(time.Value, zone) : time.AsUtc;

    private static List<BusyPeriod> Merge(IEnumerable<BusyPeriod> periods)
    {
        var merged = new List<BusyPeriod>();
        foreach (var period in periods.OrderBy(p => p.StartUtc))
        {
            if (merged.Count > 0 && period.StartUtc <= merged[^1].EndUtc)
            {
                merged[^1] = merged[^1] with { EndUtc = Max(merged[^1].EndUtc, period.EndUtc) };
            }
            else
            {
                merged.Add(period);
            }
        }

        return merged;
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
