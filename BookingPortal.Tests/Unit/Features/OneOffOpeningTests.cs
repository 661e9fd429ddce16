using System.Globalization;
using BookingPortal.Features.Releases;

namespace BookingPortal.Tests.Unit.Features;

/// <summary>A one-off opening typed on the service's clock (New York here), across both DST changes of 2026.</summary>
public class OneOffOpeningTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Theory]
    [InlineData("2026-03-20T09:00", "2026-03-20T13:00")] // EDT, UTC-4
    [InlineData("2026-01-12T09:00", "2026-01-12T14:00")] // EST, UTC-5
    public void A_time_the_clock_shows_once_opens_at_that_moment_in_the_services_zone(string typed, string expectedUtc)
    {
        var opening = OneOffOpening.FromWallClock(DateTime.Parse(typed, CultureInfo.InvariantCulture), NewYork);

        opening.Fit.Should().Be(LocalTimeFit.Once);
        opening.Utc.Should().Be(DateTime.SpecifyKind(DateTime.Parse(expectedUtc, CultureInfo.InvariantCulture), DateTimeKind.Utc));
        OneOffOpening.ToWallClock(opening.Utc!.Value, NewYork).Should().Be(DateTime.Parse(typed, CultureInfo.InvariantCulture), "the field shows it back as typed");
    }

    [Fact]
    public void A_time_the_clocks_skip_names_no_moment()
    {
        // 8 March 2026: 2:00 AM EST becomes 3:00 AM EDT.
        var opening = OneOffOpening.FromWallClock(new DateTime(2026, 3, 8, 2, 30, 0), NewYork);

        opening.Should().Be(new OneOffOpening(new DateTime(2026, 3, 8, 2, 30, 0), null, LocalTimeFit.Skipped));
    }

    [Fact]
    public void A_time_the_clocks_pass_twice_opens_at_the_first()
    {
        // 1 November 2026: 1:30 AM happens at 5:30 UTC (EDT), then again at 6:30 UTC (EST).
        var opening = OneOffOpening.FromWallClock(new DateTime(2026, 11, 1, 1, 30, 0), NewYork);

        opening.Fit.Should().Be(LocalTimeFit.Twice);
        opening.Utc.Should().Be(new DateTime(2026, 11, 1, 5, 30, 0, DateTimeKind.Utc));
    }
}
