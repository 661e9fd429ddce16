using Ical.Net;

namespace BookingPortal.Tests.Unit.Features.Notifications;

/// <summary>The confirmation, the reminders and the calendar file say who the appointment is with.</summary>
public class PractitionerInMessagesTests
{
    private static readonly Uri Portal = new("https://portal.example.test/");
    private static readonly CalendarWords English = MessageValues.CalendarWords("BookingPortal", MessageLanguage.English);

    [Theory]
    [InlineData(NotificationKind.BookingConfirmation)]
    [InlineData(NotificationKind.Reminder24h)]
    public void The_message_names_the_practitioner_in_both_parts(NotificationKind kind)
    {
        var message = Compose(kind, SampleBooking.View() with { PractitionerName = "Dr. Ana Bell" });

        message.Text.Should().Contain("With: Dr. Ana Bell");
        WebUtility.HtmlDecode(message.Html).Should().Contain(">With</th>").And.Contain("Dr. Ana Bell");
    }

    [Fact]
    public void Without_a_practitioner_the_message_has_no_with_line()
    {
        var message = Compose(NotificationKind.BookingConfirmation, SampleBooking.View());

        message.Text.Should().NotContain("With:");
        message.Html.Should().NotContain(">With</th>");
    }

    [Fact]
    public void The_calendar_file_and_the_google_link_name_the_practitioner_and_keep_the_service_as_the_title()
    {
        var booking = SampleBooking.View() with { PractitionerName = "Dr. Ana Bell" };

        var appointment = Calendar.Load(CalendarFile.Create(booking, Portal, English))!.Events.Single();
        var google = Uri.UnescapeDataString(CalendarFile.GoogleCalendarLink(booking, Portal, English));

        appointment.Summary.Should().Be("Specialist Consultation");
        appointment.Description.Should().StartWith("With Dr. Ana Bell. Confirmation number ABCD-2345");
        google.Should().Contain("With Dr. Ana Bell");
        Calendar.Load(CalendarFile.Create(SampleBooking.View(), Portal, English))!.Events.Single().Description.Should().StartWith("Confirmation number");
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

}
