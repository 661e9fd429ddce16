namespace BookingPortal.Tests.Unit.Features.Queue;

public class QueueTimeTextTests
{
    /// <summary>13:59:30 UTC on Monday 2 March 2026 is 8:59:30 in New York (EST, UTC-5).</summary>
    private static readonly DateTime CountsFromUtc = new(2026, 3, 2, 13, 59, 30, DateTimeKind.Utc);

    [Theory]
    [InlineData("en-US", "Your entry counts from 8:59:30 AM, New York time (America/New_York).")]
    [InlineData("es-ES", "Su participación cuenta desde las 8:59:30, hora de New York (America/New_York).")]
    public void The_paced_wait_tells_when_the_entry_counts_in_the_services_zone_not_in_UTC(string culture, string expected)
    {
        using var _ = Localization.InCulture(culture);

        var text = QueueTimeText.CountsFrom(Localization.PortalText(), CountsFromUtc, "America/New_York", System.Globalization.CultureInfo.CurrentCulture);

        text.Should().Be(expected);
    }
}
