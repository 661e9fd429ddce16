using BookingPortal.Infrastructure.Time;

namespace BookingPortal.Tests.Unit.Features.Practitioners;

public class BusyFeedParserTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneCache.Find("America/New_York");
    private static readonly DateTime From = new(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime To = new(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc);

    private static string Feed(params string[] events) =>
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n" + string.Concat(events.Select(e => $"BEGIN:VEVENT\r\n{e.Replace("\n", "\r\n")}\r\nEND:VEVENT\r\n")) + "END:VCALENDAR\r\n";

    /// <summary>Every case reads the same window for a New York practitioner, so a case states only its feed.</summary>
    private static IReadOnlyList<BusyPeriod>? Parse(string feed) => BusyFeedParser.Parse(feed, From, To, NewYork);

    private static DateTime Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, DateTimeKind.Utc);

    public static TheoryData<string, string[], BusyPeriod[]> Feeds => new()
    {
        {
            "reads utc and zoned events, expanding a weekly rule across the dst change",
            [
                "UID:a\nDTSTART:20260305T140000Z\nDTEND:20260305T150000Z",
                "UID:b\nDTSTART;TZID=America/New_York:20260306T090000\nDTEND;TZID=America/New_York:20260306T100000\nRRULE:FREQ=WEEKLY;COUNT=2",
            ],
            [
                new(Utc(3, 5, 14), Utc(3, 5, 15)),
                new(Utc(3, 6, 14), Utc(3, 6, 15)),
                // 9:00 in New York after clocks went forward on 8 March is 13:00 UTC.
                new(Utc(3, 13, 13), Utc(3, 13, 14)),
            ]
        },
        {
            "reads all-day and floating times in the practitioner's zone and skips free and cancelled events",
            [
                "UID:holiday\nDTSTART;VALUE=DATE:20260310\nDTEND;VALUE=DATE:20260311",
                "UID:floating\nDTSTART:20260312T090000\nDURATION:PT30M",
                "UID:free\nDTSTART:20260313T140000Z\nDTEND:20260313T150000Z\nTRANSP:TRANSPARENT",
                "UID:off\nDTSTART:20260314T140000Z\nDTEND:20260314T150000Z\nSTATUS:CANCELLED",
            ],
            [new(Utc(3, 10, 4), Utc(3, 11, 4)), new(Utc(3, 12, 13), Utc(3, 12, 13, 30))]
        },
        {
            "clips to the window and merges overlaps",
            [
                "UID:begun\nDTSTART:20260225T000000Z\nDTEND:20260303T100000Z",
                "UID:one\nDTSTART:20260304T100000Z\nDTEND:20260304T120000Z",
                "UID:two\nDTSTART:20260304T110000Z\nDTEND:20260304T130000Z",
                "UID:later\nDTSTART:20260501T100000Z\nDTEND:20260501T110000Z",
            ],
            [new(From, Utc(3, 3, 10)), new(Utc(3, 4, 10), Utc(3, 4, 13))]
        },
    };

    [Theory]
    [MemberData(nameof(Feeds))]
    public void Reads_a_feed_into_the_busy_periods_of_the_window(string shape, string[] events, BusyPeriod[] expected) =>
        Parse(Feed(events)).Should().Equal(expected, shape);

    [Fact]
    public void An_endless_rule_stops_at_the_cap_and_a_page_that_is_no_calendar_reads_as_null()
    {
        var minutely = Feed("UID:spam\nDTSTART:20260302T000000Z\nDURATION:PT1M\nRRULE:FREQ=MINUTELY;INTERVAL=2");

        Parse(minutely).Should().HaveCount(BusyFeedParser.MaxPeriods);
        Parse("<html>Sign in to Google</html>").Should().BeNull();
    }
}
