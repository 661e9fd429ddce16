using System.Globalization;

namespace BookingPortal.Tests.Unit.Features;

public class DisplayFormatTests
{
    private const string NewYork = "America/New_York";
    private static readonly DateTime WinterNineInNewYork = new(2026, 1, 14, 14, 0, 0, DateTimeKind.Utc);
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es-ES");

    /// <summary>Every case is a one-hour visit at a New York service, read by a customer in another (or no) zone.</summary>
    private static string HourInNewYork(DateTime startUtc, string? customerZone, CultureInfo? culture = null) =>
        DisplayFormat.TimeInZones(startUtc, startUtc.AddHours(1), NewYork, customerZone, culture);

    [Fact]
    public void A_customer_in_another_zone_sees_the_service_time_and_their_own() =>
        HourInNewYork(WinterNineInNewYork, "Europe/Berlin").Should().Be("9:00 AM – 10:00 AM New York · 3:00 PM – 4:00 PM Berlin");

    [Theory]
    [InlineData(NewYork)]
    [InlineData("America/Toronto")]
    [InlineData(null)]
    [InlineData("Not/AZone")]
    public void A_customer_whose_clock_reads_the_same_or_whose_zone_is_unknown_sees_only_the_service_time(string? customerZone) =>
        HourInNewYork(WinterNineInNewYork, customerZone).Should().Be("9:00 AM – 10:00 AM New York");

    [Fact]
    public void Between_the_American_and_the_European_clock_changes_the_gap_is_five_hours_not_six()
    {
        var nineInNewYorkInMarch = new DateTime(2026, 3, 10, 13, 0, 0, DateTimeKind.Utc);

        HourInNewYork(nineInNewYorkInMarch, "Europe/Berlin").Should().Be("9:00 AM – 10:00 AM New York · 2:00 PM – 3:00 PM Berlin");
    }

    [Fact]
    public void The_customer_date_is_named_when_it_is_another_day_there() =>
        HourInNewYork(WinterNineInNewYork, "Asia/Tokyo").Should().Be("9:00 AM – 10:00 AM New York · 11:00 PM – 12:00 AM Tokyo");

    [Fact]
    public void Late_evening_in_New_York_is_the_next_morning_in_Tokyo_and_says_so()
    {
        var eightPmInNewYork = new DateTime(2026, 1, 15, 1, 0, 0, DateTimeKind.Utc);

        HourInNewYork(eightPmInNewYork, "Asia/Tokyo").Should().Be("8:00 PM – 9:00 PM New York · 10:00 AM – 11:00 AM Tokyo (Thu 15 Jan 2026)");
    }

    [Fact]
    public void In_Spanish_times_use_the_24_hour_clock_and_dates_read_in_Spanish()
    {
        HourInNewYork(WinterNineInNewYork, "Europe/Madrid", Spanish).Should().Be("9:00 – 10:00 New York · 15:00 – 16:00 Madrid");
        DisplayFormat.Date(new DateTimeOffset(2026, 1, 14, 9, 0, 0, TimeSpan.FromHours(-5)), Spanish)
            .Should().Be("miércoles, 14 de enero de 2026");
    }

    [Fact]
    public void Money_keeps_its_currency_symbol_and_takes_the_culture_digits()
    {
        DisplayFormat.Money(1234.5m, "USD").Should().Be("$1,234.50");
        DisplayFormat.Money(1234.5m, "USD", Spanish).Should().Be("1.234,50 $");
        DisplayFormat.Money(50m, "EUR", Spanish).Should().Be("50,00 €");
    }
}
