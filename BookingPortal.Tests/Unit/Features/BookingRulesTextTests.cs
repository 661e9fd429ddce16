using BookingPortal.Data;
using BookingPortal.Features.Catalog;

namespace BookingPortal.Tests.Unit.Features;

public class BookingRulesTextTests
{
    [Fact]
    public void The_consultation_rules_read_in_plain_words()
    {
        var consultation = DemoSeeder.DemoServices().Single(s => s.Name == DemoSeeder.ConsultationName);

        var rules = string.Join(" ", BookingRulesText.For(consultation));

        rules.Should().Contain("up to 30 days ahead").And.Contain("at least 24 hours before")
            .And.Contain("up to 2 upcoming bookings").And.Contain("$50.00 deposit").And.Contain("($150.00)")
            .And.Contain("free until 48 hours before").And.Contain("$25.00 fee").And.Contain("15 minutes");
        BookingRulesText.Location(consultation).Should().Contain("Fifth Avenue");
    }

    [Fact]
    public void A_virtual_service_without_deposit_says_so()
    {
        var video = DemoSeeder.DemoServices().Single(s => s.Name == DemoSeeder.VideoConsultationName);

        BookingRulesText.For(video).Should().Contain(r => r.StartsWith("No deposit")).And.Contain("Cancelling is free.");
        BookingRulesText.Location(video).Should().Contain("video call");
    }

    [Theory]
    [InlineData("USD", "$200.00")]
    [InlineData("EUR", "€")]
    [InlineData("GBP", "£200.00")]
    public void Money_is_shown_with_its_currency_symbol(string currency, string expected) =>
        DisplayFormat.Money(200m, currency).Should().Contain(expected);

    [Fact]
    public void Zones_are_named_by_city_and_id() =>
        DisplayFormat.ZoneName("America/New_York").Should().Be("New York time (America/New_York)");
}
