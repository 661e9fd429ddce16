using System.Diagnostics.CodeAnalysis;

namespace BookingPortal.Infrastructure.Time;

/// <summary>
/// Time zones by id, looked up once per process. <see cref="TimeZoneInfo.FindSystemTimeZoneById"/> takes a
/// process-wide lock on every call, and a calendar converts every slot of every day it shows: with many
/// circuits building calendars at once that lock was among the hottest contention points of a page load.
/// </summary>
public static class TimeZoneCache
{
    // Only zones that exist are kept, compared as the system compares them (ignoring case), so ids sent by
    // people (a browser's zone) cannot grow it beyond the system's list.
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Found = new(StringComparer.OrdinalIgnoreCase);

    /// <exception cref="TimeZoneNotFoundException">There is no zone with this id.</exception>
    public static TimeZoneInfo Find(string id) => Found.GetOrAdd(id, TimeZoneInfo.FindSystemTimeZoneById);

    public static bool TryFind([NotNullWhen(true)] string? id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        if (id is null)
        {
            zone = null;
            return false;
        }

        if (Found.TryGetValue(id, out zone))
        {
            return true;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone))
        {
            return false;
        }

        zone = Found.GetOrAdd(id, zone);
        return true;
    }
}
