namespace BookingPortal.Tests.Unit.Data;

public class DemoPractitionersWeekTests
{
    [Theory]
    [InlineData("2026-03-02", "2026-03-09")]
    [InlineData("2026-03-04", "2026-03-09")]
    [InlineData("2026-03-08", "2026-03-09")]
    [InlineData("2026-12-31", "2027-01-04")]
    public void Next_week_starts_on_the_monday_after_this_weeks(string today, string monday) =>
        DemoPractitioners.NextMonday(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture))
            .Should().Be(DateOnly.Parse(monday, System.Globalization.CultureInfo.InvariantCulture));
}
