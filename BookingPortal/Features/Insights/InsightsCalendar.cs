namespace BookingPortal.Features.Insights;

/// <summary>
/// Weeks and days in a service's zone, turned into UTC bounds for the queries. The database groups by the exact
/// stored instant (a slot start), never by a date function: SQLite, PostgreSQL and SQL Server disagree on those,
/// and none of them knows the service's zone. The few grouped rows are then placed in local weeks here, so a
/// 20:00 appointment in New York lands on its own day, not on the next UTC day.
/// </summary>
public sealed class InsightsCalendar(string timeZoneId)
{
    private readonly TimeZoneInfo zone = TimeZoneCache.Find(timeZoneId);

    public string TimeZoneId { get; } = timeZoneId;

    public DateTimeOffset Local(DateTime utc) => TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), zone);

    public DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(Local(utc).DateTime);

    public DateOnly WeekOf(DateTime utc) => WallTime.WeekStart(LocalDate(utc));

    /// <summary>Local midnight at the start of a date, in UTC (a midnight lost to a DST change takes the first instant after it).</summary>
    public DateTime StartUtc(DateOnly date) => WallTime.DayStartUtc(date, zone);

    /// <summary>
    /// The <paramref name="weeksBack"/> whole weeks before the current one, the current week and <paramref name="weeksAhead"/> after it:
    /// Monday of the first to the Monday after the last.
    /// </summary>
    public (DateOnly From, DateOnly Until) Weeks(DateTime nowUtc, int weeksBack, int weeksAhead)
    {
        var thisWeek = WeekOf(nowUtc);
        return (thisWeek.AddDays(-7 * weeksBack), thisWeek.AddDays(7 * (weeksAhead + 1)));
    }

    public static IEnumerable<DateOnly> Mondays(DateOnly from, DateOnly until)
    {
        for (var week = from; week < until; week = week.AddDays(7))
        {
            yield return week;
        }
    }
}
