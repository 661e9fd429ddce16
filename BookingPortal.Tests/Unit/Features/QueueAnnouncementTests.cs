namespace BookingPortal.Tests.Unit.Features;

public class QueueAnnouncementTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 5)]
    [InlineData(4, 5)]
    [InlineData(5, 10)]
    [InlineData(24, 25)]
    [InlineData(99, 100)]
    [InlineData(100, 250)]
    [InlineData(9_999, 10_000)]
    public void People_ahead_fall_into_the_band_below_the_next_limit(int ahead, int band) =>
        QueueAnnouncement.AheadBand(ahead).Should().Be(band);

    [Fact]
    public void Beyond_the_last_band_there_is_no_limit() =>
        QueueAnnouncement.AheadBand(QueueAnnouncement.LastBand).Should().BeNull();

    [Fact]
    public void A_line_moving_one_place_at_a_time_from_300_changes_the_announcement_only_eight_times()
    {
        var announcements = Enumerable.Range(0, 301).Reverse().Select(ahead => QueueAnnouncement.AheadBand(ahead)).Distinct().Count();

        announcements.Should().Be(8, "500, 250, 100, 50, 25, 10, 5 and 'next' — not 301 announcements");
    }
}
