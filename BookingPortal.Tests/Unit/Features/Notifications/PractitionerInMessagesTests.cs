using Ical.Net;

namespace BookingPortal.Tests.Unit.Features.Notifications;

/// <summary>The confirmation, the reminders and the calendar file say who the appointment is with.</summary>
public class PractitionerInMessagesTests
{
    private static readonly Uri Portal = new("https://portal.example.test/");
    private static readonly CalendarWords English = MessageValues.CalendarWords("BookingPortal", MessageLanguage.English);
    private static readonly DateTime StartUtc = new(2026, 3, 9, 14, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(NotificationKind.BookingConfirmation)]
    [InlineData(NotificationKind.Reminder24h)]
    public void The_message_names_the_practitioner_in_both_parts(NotificationKind kind)
    {
        var message = Compose(kind, Booking() with { PractitionerName = "Dr. Ana Bell" });

        message.Text.Should().Contain("With: Dr. Ana Bell");
        WebUtility.HtmlDecode(message.Html).Should().Contain(">With</th>").And.Contain("Dr. Ana Bell");
    }

    [Fact]
    public void Without_a_practitioner_the_message_has_no_with_line()
    {
        var message = Compose(NotificationKind.BookingConfirmation, Booking());

        message.Text.Should().NotContain("With:");
        message.Html.Should().NotContain(">With</th>");
    }

    [Fact]
    public void The_calendar_file_and_the_google_link_name_the_practitioner_and_keep_the_service_as_the_title()
    {
        var booking = Booking() with { PractitionerName = "Dr. Ana Bell" };

        var appointment = Calendar.Load(CalendarFile.Create(booking, Portal, English))!.Events.Single();
        var google = Uri.UnescapeDataString(CalendarFile.GoogleCalendarLink(booking, Portal, English));

        appointment.Summary.Should().Be("Specialist Consultation");
        appointment.Description.Should().StartWith("With Dr. Ana Bell. Confirmation number ABCD-2345");
        google.Should().Contain("With Dr. Ana Bell");
        Calendar.Load(CalendarFile.Create(Booking(), Portal, English))!.Events.Single().Description.Should().StartWith("Confirmation number");
    }

    private static ComposedMessage Compose(NotificationKind kind, BookingView booking)
    {
        var appointment = new AppointmentFacts(booking.ServiceName, booking.LocalStart, booking.LocalEnd, booking.TimeZoneId, booking.LocationKind,
            booking.Address, booking.VideoLink, booking.ConfirmationNumber, new Uri(Portal, $"bookings/{booking.ConfirmationNumber}"))
        {
            PractitionerName = booking.PractitionerName,
        };
        return MessageComposer.Compose(new MessageFacts(kind, "Ana", appointment, Portal) { Currency = booking.Currency }, DefaultTemplates.For(kind, MessageLanguage.English));
    }

    private static BookingView Booking()
    {
        var local = new DateTimeOffset(StartUtc).ToOffset(TimeSpan.FromHours(-4));
        return new BookingView(
            Guid.Parse("0194a8e0-0000-7000-8000-000000000002"), "ABCD-2345", "customer-1", 1, "Specialist Consultation", BookingStatus.Confirmed,
            StartUtc, StartUtc.AddHours(1), local, local.AddHours(1), "America/New_York", 60, LocationKind.InPerson, "12 Harbour Street, Boston", null,
            200m, 50m, "USD", new DateTime(2026, 3, 2, 12, 0, 0, DateTimeKind.Utc));
    }
}
