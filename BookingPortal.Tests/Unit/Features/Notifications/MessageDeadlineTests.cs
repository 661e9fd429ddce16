namespace BookingPortal.Tests.Unit.Features.Notifications;

/// <summary>A deadline in a message (a waitlist offer's end, a deposit's last moment) names its zone as the appointment's time does.</summary>
public class MessageDeadlineTests
{
    private const string Zone = "America/New_York";
    private static readonly Uri Portal = new("https://portal.example.test/");

    // 18:30 UTC on Saturday 7 March 2026 is 1:30 PM in New York (EST).
    private static readonly DateTimeOffset Deadline = TimeZoneInfo.ConvertTime(
        new DateTimeOffset(2026, 3, 7, 18, 30, 0, TimeSpan.Zero), TimeZoneInfo.FindSystemTimeZoneById(Zone));

    [Theory]
    [InlineData(MessageLanguage.English, "Sat 7 Mar 2026 1:30 PM New York time")]
    [InlineData(MessageLanguage.Spanish, "hora de New York")]
    public void The_waitlist_offers_end_names_the_services_zone(string language, string expected)
    {
        var values = MessageValues.For(Facts(NotificationKind.WaitlistSeatOffered, language) with { OfferExpiresLocal = Deadline });

        values[Placeholders.OfferEnds].Should().EndWith(expected);
        values[Placeholders.Time].Should().EndWith(language == MessageLanguage.Spanish ? "hora de New York" : "New York time", "the appointment's time names it the same way");
    }

    [Theory]
    [InlineData(MessageLanguage.English, "by Sat 7 Mar 2026 1:30 PM New York time to keep your seat.")]
    [InlineData(MessageLanguage.Spanish, "hora de New York para conservar su plaza.")]
    public void The_deposits_last_moment_names_the_services_zone(string language, string expected)
    {
        var values = MessageValues.For(Facts(NotificationKind.DepositDue, language) with { PayByLocal = Deadline, DepositDue = 50m, Currency = "USD" });

        values[Placeholders.NextStep].Should().EndWith(expected);
    }

    private static MessageFacts Facts(NotificationKind kind, string language)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Zone);
        var start = TimeZoneInfo.ConvertTime(new DateTimeOffset(2026, 3, 9, 14, 0, 0, TimeSpan.Zero), zone);
        return new MessageFacts(kind, "Ana", new AppointmentFacts("Specialist Consultation", start, start.AddHours(1), Zone, LocationKind.InPerson,
            "12 Harbour Street, Boston", null, "ABCD-2345", new Uri(Portal, "bookings/ABCD-2345")), Portal) { Language = language };
    }
}
