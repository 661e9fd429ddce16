namespace BookingPortal.Tests.Unit.Features;

/// <summary>Every deadline and opening a customer reads names the zone its clock is in.</summary>
public class ZoneTextTests
{
    [Theory]
    [InlineData("en-US", "Monday 2 March 2026, 9:00 AM New York time (America/New_York)")]
    [InlineData("es-ES", "lunes, 2 de marzo de 2026, 9:00 hora de New York (America/New_York)")]
    public void A_moment_is_told_in_the_services_zone_and_the_readers_language(string culture, string expected)
    {
        using var _ = Localization.InCulture(culture);

        var text = Localization.PortalText().Moment(new DateTime(2026, 3, 2, 14, 0, 0, DateTimeKind.Unspecified), "America/New_York", System.Globalization.CultureInfo.CurrentCulture);

        text.Should().Be(expected, "an instant read back from the database is UTC whatever its kind says");
    }
}
