using BookingPortal.Infrastructure.Time;

namespace BookingPortal.Tests.Unit.Infrastructure.Time;

public class TimeZoneCacheTests
{
    [Fact]
    public void A_zone_is_looked_up_once_and_is_the_systems_zone()
    {
        var first = TimeZoneCache.Find("America/New_York");

        TimeZoneCache.Find("America/New_York").Should().BeSameAs(first);
        first.Should().Be(TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        TimeZoneCache.TryFind("America/New_York", out var tried).Should().BeTrue();
        tried.Should().BeSameAs(first);
    }

    [Fact]
    public void An_unknown_zone_is_refused_as_before()
    {
        var find = () => TimeZoneCache.Find("Mars/Olympus_Mons");

        find.Should().Throw<TimeZoneNotFoundException>();
        TimeZoneCache.TryFind("Mars/Olympus_Mons", out var zone).Should().BeFalse();
        zone.Should().BeNull();
        TimeZoneCache.TryFind(null, out _).Should().BeFalse();
    }
}
