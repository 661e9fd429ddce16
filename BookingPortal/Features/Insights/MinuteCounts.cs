namespace BookingPortal.Features.Insights;

/// <summary>
/// Counts of instants per UTC minute, grouped in the database by the instant's year, month, day, hour and minute:
/// parts every provider translates (strftime on SQLite, date_part on PostgreSQL, DATEPART on SQL Server), where
/// truncating a timestamp has no common form.
/// </summary>
public sealed class MinuteCounts(IReadOnlyDictionary<DateTime, int> perMinute)
{
    public int Total { get; } = perMinute.Values.Sum();

    /// <summary>Instants before <paramref name="minuteUtc"/> (all of them for the first charted minute) are not in its count.</summary>
    public int In(DateTime minuteUtc) => perMinute.GetValueOrDefault(minuteUtc);

    public int Before(DateTime minuteUtc) => perMinute.Where(p => p.Key < minuteUtc).Sum(p => p.Value);

    public static async Task<MinuteCounts> OfAsync(IQueryable<DateTime?> instants, CancellationToken cancellationToken)
    {
        var rows = await instants.Where(t => t != null)
            .GroupBy(t => new { t!.Value.Year, t.Value.Month, t.Value.Day, t.Value.Hour, t.Value.Minute })
            .Select(g => new { g.Key.Year, g.Key.Month, g.Key.Day, g.Key.Hour, g.Key.Minute, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return new MinuteCounts(rows.ToDictionary(r => new DateTime(r.Year, r.Month, r.Day, r.Hour, r.Minute, 0, DateTimeKind.Utc), r => r.Count));
    }

    /// <summary>
    /// One point per minute from <paramref name="startUtc"/> to <paramref name="endUtc"/>. Whatever happened before the first
    /// minute (people who joined long before the doors) is counted in it; people in line are those who joined by the end of
    /// the minute, less those admitted or gone without a turn.
    /// </summary>
    public static IReadOnlyList<OpeningMinute> Series(DateTime startUtc, DateTime endUtc, MinuteCounts joined, MinuteCounts admitted, MinuteCounts lapsed, MinuteCounts leftWaiting, MinuteCounts seats)
    {
        var first = Truncate(startUtc);
        var points = new List<OpeningMinute>();
        var inLine = 0;
        for (var minute = first; minute <= Truncate(endUtc); minute = minute.AddMinutes(1))
        {
            int Count(MinuteCounts counts) => counts.In(minute) + (minute == first ? counts.Before(first) : 0);
            var (joinedNow, admittedNow) = (Count(joined), Count(admitted));
            inLine += joinedNow - admittedNow - Count(leftWaiting);
            points.Add(new OpeningMinute(minute, joinedNow, admittedNow, Count(lapsed), Math.Max(0, inLine), Count(seats)));
        }

        return points;
    }

    public static DateTime Truncate(DateTime utc) => new(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, DateTimeKind.Utc);
}
