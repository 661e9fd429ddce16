using System.Globalization;
using BookingPortal.Features.Localization;
using Microsoft.Extensions.Localization;

namespace BookingPortal.Tests.Unit.Features;

public class BookingRulesTextTests
{
    private static readonly IStringLocalizer<PortalText> Text = Localization.PortalText();
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    [Fact]
    public void The_consultation_rules_read_in_plain_words()
    {
        var consultation = DemoSeeder.DemoServices().Single(s => s.Name == DemoSeeder.ConsultationName);

        var rules = string.Join(" ", BookingRulesText.For(consultation, Text, English));

        rules.Should().Contain("up to 30 days ahead").And.Contain("at least 24 hours before")
            .And.Contain("up to 2 upcoming bookings").And.Contain("$50.00 deposit").And.Contain("($150.00)")
            .And.Contain("free until 48 hours before").And.Contain("$25.00 fee").And.Contain("15 minutes");
        BookingRulesText.Location(consultation, Text).Should().Contain("Fifth Avenue");
    }

    [Fact]
    public void A_virtual_service_without_deposit_says_so()
    {
        var video = DemoSeeder.DemoServices().Single(s => s.Name == DemoSeeder.VideoConsultationName);

        BookingRulesText.For(video, Text, English).Should().Contain(r => r.StartsWith("No deposit")).And.Contain("Cancelling is free.");
        BookingRulesText.Location(video, Text).Should().Contain("video call");
    }

    [Fact]
    public void In_Spanish_the_rules_read_in_Spanish_with_Spanish_digits()
    {
        var consultation = DemoSeeder.DemoServices().Single(s => s.Name == DemoSeeder.ConsultationName);
        using var spanish = Localization.InCulture("es-ES");

        var rules = string.Join(" ", BookingRulesText.For(consultation, Text, CultureInfo.CurrentCulture));

        rules.Should().Contain("hasta 30 días de antelación").And.Contain("al menos 24 horas antes")
            .And.Contain("Un depósito de 50,00 $").And.Contain("(150,00 $)").And.Contain("15 minutos");
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
