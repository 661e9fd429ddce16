namespace BookingPortal.Tests.Integration.Practitioners;

/// <summary>The week view opens on the week it is where the practitioner works, not in UTC.</summary>
public class PractitionerWeekZoneTests : TimeOffSuite
{
    [Fact]
    public async Task On_a_Sunday_evening_in_New_York_the_week_view_opens_on_that_week_not_the_next()
    {
        // Sunday 8 March 2026, 23:00 in New York: already Monday 03:00 in UTC.
        s.Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 9, 3, 0, 0, TimeSpan.Zero));

        var week = await s.Factory.Get<PractitionerWeekService>().WeekAsync(await s.Factory.StaffAsync(), s.Away, anyDayOfWeek: null);

        (week!.TimeZoneId, week.Monday).Should().Be(("America/New_York", new DateOnly(2026, 3, 2)));
    }
}
