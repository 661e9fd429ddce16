using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace BookingPortal.Features.Booking;

/// <summary>The .ics file and the Google Calendar link for a booking. The UID is stable so a later update or cancellation replaces the same event.</summary>
public static class CalendarFile
{
    public const string ContentType = "text/calendar";

    public static string Uid(BookingView booking) => $"{booking.Id}@bookingportal";

    /// <param name="sequence">Higher in every later version of the event (a move, a cancellation), so calendars take it as the newer one.</param>
    public static string Create(BookingView booking, Uri portalBaseUri, string method = "PUBLISH", int sequence = 0, DateTime? stampUtc = null)
    {
        var calendar = new Calendar { Method = method, ProductId = "-//BookingPortal//Appointments//EN" };
        calendar.AddTimeZone(booking.TimeZoneId);
        var appointment = new CalendarEvent
        {
            Uid = Uid(booking),
            Summary = booking.ServiceName,
            Description = Describe(booking, portalBaseUri),
            DtStart = new CalDateTime(booking.LocalStart.DateTime, booking.TimeZoneId),
            DtEnd = new CalDateTime(booking.LocalEnd.DateTime, booking.TimeZoneId),
            DtStamp = new CalDateTime(stampUtc ?? booking.CreatedAtUtc, "UTC"),
            Sequence = sequence,
            Location = booking.Address ?? booking.VideoLink,
            Url = booking.VideoLink is null ? new Uri(portalBaseUri, $"bookings/{booking.ConfirmationNumber}") : new Uri(booking.VideoLink),
            Status = method == "CANCEL" ? "CANCELLED" : "CONFIRMED",
        };
        calendar.Events.Add(appointment);
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>Google's "add event" link: times in UTC (the trailing Z), so no zone can be misread.</summary>
    public static string GoogleCalendarLink(BookingView booking, Uri portalBaseUri)
    {
        const string format = "yyyyMMdd'T'HHmmss'Z'";
        var query = new Dictionary<string, string?>
        {
            ["action"] = "TEMPLATE",
            ["text"] = booking.ServiceName,
            ["dates"] = $"{booking.StartUtc.ToString(format, System.Globalization.CultureInfo.InvariantCulture)}/{booking.EndUtc.ToString(format, System.Globalization.CultureInfo.InvariantCulture)}",
            ["details"] = Describe(booking, portalBaseUri),
            ["location"] = booking.Address ?? booking.VideoLink,
            ["ctz"] = booking.TimeZoneId,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("https://calendar.google.com/calendar/render", query);
    }

    private static string Describe(BookingView booking, Uri portalBaseUri) =>
        $"Confirmation number {booking.ConfirmationNumber}. Manage your booking: {new Uri(portalBaseUri, $"bookings/{booking.ConfirmationNumber}")}";
}
