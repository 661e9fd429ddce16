using System.Collections.Concurrent;
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
        var file = new CalendarSerializer().SerializeToString(calendar) ?? "";
        return file.Insert(file.IndexOf("BEGIN:VEVENT", StringComparison.Ordinal), TimeZoneDefinition(booking.TimeZoneId, booking.LocalStart.Year));
    }

    // Building and writing a zone's VTIMEZONE from its rules is half of a file's cost (about 50 µs and
    // 50 KB of garbage), paid for every booking while a release sells out. The definition depends only
    // on the zone and the year it starts from, so each is written once (RFC 5545 puts it before the event).
    private static readonly ConcurrentDictionary<(string ZoneId, int FromYear), string> TimeZoneDefinitions = new();

    private static string TimeZoneDefinition(string zoneId, int fromYear) =>
        TimeZoneDefinitions.GetOrAdd((zoneId, fromYear), static key =>
        {
            var zoneOnly = new Calendar();
            zoneOnly.AddTimeZone(VTimeZone.FromDateTimeZone(key.ZoneId, new DateTime(key.FromYear, 1, 1), includeHistoricalData: false));
            var file = new CalendarSerializer().SerializeToString(zoneOnly) ?? "";
            const string End = "END:VTIMEZONE\r\n";
            var begin = file.IndexOf("BEGIN:VTIMEZONE", StringComparison.Ordinal);
            return file[begin..(file.IndexOf(End, begin, StringComparison.Ordinal) + End.Length)];
        });

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
