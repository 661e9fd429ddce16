using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
// Not System.Globalization.Calendar, which the project imports everywhere.
using Calendar = Ical.Net.Calendar;

namespace BookingPortal.Features.Bookings;

/// <summary>
/// The words of a calendar entry in the reader's language: the title of a service in privacy mode ("Your appointment at
/// North Clinic") and the description's. The caller picks the language (the customer's for a message, the page's for a
/// download); this feature has no texts of its own.
/// </summary>
public sealed record CalendarWords(string PrivateTitle, string With, string ConfirmationNumber, string ManageBooking);

/// <summary>The .ics file and the Google Calendar link for a booking. The UID is stable so a later update or cancellation replaces the same event.</summary>
public static class CalendarFile
{
    public const string ContentType = "text/calendar";

    public static string Uid(BookingView booking) => $"{booking.Id}@bookingportal";

    /// <summary>
    /// The version number of the event as the booking stands at <paramref name="nowUtc"/>: the minutes since it was made,
    /// plus one, so every later version (a move, a cancellation, a download after either) replaces the earlier ones.
    /// </summary>
    public static int SequenceAt(BookingView booking, DateTime nowUtc) => (int)Math.Max(0, (nowUtc - booking.CreatedAtUtc).TotalMinutes) + 1;

    /// <summary>The event as the booking stands now: a cancelled one removes it from the calendar.</summary>
    public static string Current(BookingView booking, Uri portalBaseUri, DateTime nowUtc, CalendarWords words) =>
        Create(booking, portalBaseUri, words, booking.Status == BookingStatus.Cancelled ? "CANCEL" : "PUBLISH", SequenceAt(booking, nowUtc), nowUtc);

    /// <param name="sequence">Higher in every later version of the event (a move, a cancellation), so calendars take it as the newer one.</param>
    /// <param name="words">Its words in the reader's language; the title of a service in privacy mode names only the clinic: a calendar is often shared or synced.</param>
    public static string Create(
        BookingView booking, Uri portalBaseUri, CalendarWords words, string method = "PUBLISH", int sequence = 0, DateTime? stampUtc = null)
    {
        var calendar = new Calendar { Method = method, ProductId = "-//BookingPortal//Appointments//EN" };
        var appointment = new CalendarEvent
        {
            Uid = Uid(booking),
            Summary = Title(booking, words),
            Description = Describe(booking, portalBaseUri, words),
            DtStart = new CalDateTime(booking.LocalStart.DateTime, booking.TimeZoneId),
            DtEnd = new CalDateTime(booking.LocalEnd.DateTime, booking.TimeZoneId),
            DtStamp = new CalDateTime(stampUtc ?? booking.CreatedAtUtc, "UTC"),
            Sequence = sequence,
            Location = booking.Address ?? booking.VideoLink,
            Url = booking.VideoLink is null ? CustomerPages.BookingLink(portalBaseUri, booking.ConfirmationNumber) : new Uri(booking.VideoLink),
            // A request or an unpaid hold is pencilled in, not confirmed.
            Status = method == "CANCEL" ? "CANCELLED" : booking.Status is BookingStatus.AwaitingApproval or BookingStatus.PendingPayment ? "TENTATIVE" : "CONFIRMED",
        };
        calendar.Events.Add(appointment);
        var file = new CalendarSerializer().SerializeToString(calendar) ?? "";
        return file.Insert(file.IndexOf("\r\nBEGIN:VEVENT\r\n", StringComparison.Ordinal) + 2, TimeZoneDefinition(booking.TimeZoneId));
    }

    // Building and writing a zone's VTIMEZONE from its rules is half of a file's cost (about 50 µs and
    // 50 KB of garbage), paid for every booking while a release sells out, so each zone's is written once a
    // year and put where Ical.Net puts it, before the event. Ical.Net reads the zone's transitions from the
    // January of the year before the one it is given up to the wall clock's now (a later year throws), and
    // the definition's yearly rules carry it forward to any later event: given this year (on that same
    // clock, a day back so no time zone's new year is ahead of it), it covers at least the last twelve
    // months, so both the standard and the summer rule.
    private static readonly ConcurrentDictionary<(string ZoneId, int Year), string> TimeZoneDefinitions = new();

    private static string TimeZoneDefinition(string zoneId) =>
        TimeZoneDefinitions.GetOrAdd((zoneId, DateTime.UtcNow.AddDays(-1).Year), static key =>
        {
            var zoneOnly = new Calendar();
            zoneOnly.AddTimeZone(VTimeZone.FromDateTimeZone(key.ZoneId, new DateTime(key.Year, 1, 1), includeHistoricalData: false));
            var file = new CalendarSerializer().SerializeToString(zoneOnly) ?? "";
            const string End = "END:VTIMEZONE\r\n";
            var begin = file.IndexOf("BEGIN:VTIMEZONE", StringComparison.Ordinal);
            return file[begin..(file.IndexOf(End, begin, StringComparison.Ordinal) + End.Length)];
        });

    /// <summary>Google's "add event" link: times in UTC (the trailing Z), so no zone can be misread.</summary>
    public static string GoogleCalendarLink(BookingView booking, Uri portalBaseUri, CalendarWords words)
    {
        const string format = "yyyyMMdd'T'HHmmss'Z'";
        var query = new Dictionary<string, string?>
        {
            ["action"] = "TEMPLATE",
            ["text"] = Title(booking, words),
            ["dates"] = $"{booking.StartUtc.ToString(format, System.Globalization.CultureInfo.InvariantCulture)}/{booking.EndUtc.ToString(format, System.Globalization.CultureInfo.InvariantCulture)}",
            ["details"] = Describe(booking, portalBaseUri, words),
            ["location"] = booking.Address ?? booking.VideoLink,
            ["ctz"] = booking.TimeZoneId,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("https://calendar.google.com/calendar/render", query);
    }

    private static string Title(BookingView booking, CalendarWords words) =>
        booking.PrivacyMode ? words.PrivateTitle : booking.ServiceName;

    // The practitioner is named in the description, not the title: a calendar that lists the service keeps doing so.
    private static string Describe(BookingView booking, Uri portalBaseUri, CalendarWords words) =>
        $"{(booking.PractitionerName is { } practitioner ? $"{words.With} {practitioner}. " : "")}{words.ConfirmationNumber} {booking.ConfirmationNumber}. " +
        $"{words.ManageBooking}: {CustomerPages.BookingLink(portalBaseUri, booking.ConfirmationNumber)}";
}
