using Ical.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace BookingPortal.Tests.Unit.Features.Notifications;

/// <summary>The calendar entry (the .ics file's description and the Google Calendar link's details) speaks the customer's language.</summary>
public class CalendarLanguageTests
{
    private static readonly Uri Portal = new("https://portal.example.test/");

    [Fact]
    public void On_a_Spanish_page_the_calendar_file_and_the_Google_link_are_in_Spanish()
    {
        using var spanish = Localization.InCulture("es-ES");
        var words = MessageValues.CalendarWords("North Clinic");
        var booking = SampleBooking.View() with { PractitionerName = "Dra. Ana Bell" };

        foreach (var details in Details(booking, words))
        {
            details.Should().Be("Con Dra. Ana Bell. Número de confirmación ABCD-2345. Gestione su reserva: https://portal.example.test/bookings/ABCD-2345");
        }

        Calendar.Load(CalendarFile.Create(SampleBooking.View() with { PrivacyMode = true }, Portal, words))!.Events.Single().Summary.Should().Be("Su cita en North Clinic");
    }

    [Fact]
    public void A_Spanish_customers_calendar_file_is_in_Spanish_whatever_the_culture_the_message_is_composed_in()
    {
        using var english = Localization.InCulture("en-US");

        var details = Details(SampleBooking.View(), MessageValues.CalendarWords("North Clinic", MessageLanguage.Spanish));

        details.Should().AllSatisfy(d => d.Should().StartWith("Número de confirmación ABCD-2345. Gestione su reserva: "));
    }

    [Fact]
    public void On_an_English_page_the_calendar_entry_reads_as_before()
    {
        using var english = Localization.InCulture("en-US");

        var details = Details(SampleBooking.View() with { PractitionerName = "Dr. Ana Bell" }, MessageValues.CalendarWords("North Clinic"));

        details.Should().AllBe("With Dr. Ana Bell. Confirmation number ABCD-2345. Manage your booking: https://portal.example.test/bookings/ABCD-2345");
    }

    private static string[] Details(BookingView booking, CalendarWords words) =>
    [
        Calendar.Load(CalendarFile.Create(booking, Portal, words))!.Events.Single().Description!,
        QueryHelpers.ParseQuery(new Uri(CalendarFile.GoogleCalendarLink(booking, Portal, words)).Query)["details"].ToString(),
    ];

}
