using Ical.Net;

namespace BookingPortal.Tests.Unit.Features.Notifications;

public class MessageTemplateTests
{
    private const string Zone = "America/New_York";
    private static readonly Uri Portal = new("https://portal.example.test/");
    private static readonly CalendarWords English = MessageValues.CalendarWords("BookingPortal", MessageLanguage.English);
    private static MessageComposerStandIn Composer => new();

    /// <summary>The composer on the built-in templates, as a portal where staff never saved one.</summary>
    private sealed class MessageComposerStandIn
    {
        public Task<ComposedMessage> ComposeAsync(MessageFacts facts) =>
            Task.FromResult(MessageComposer.Compose(facts, DefaultTemplates.For(facts.Kind, facts.Language)));
    }

    [Fact]
    public async Task The_confirmation_states_the_time_in_the_services_zone_on_each_side_of_the_DST_change()
    {
        // 14:00 UTC is 9:00 AM in New York on Friday 6 March (EST) and 10:00 AM on Monday 9 March (EDT).
        var beforeDst = await ComposeAsync(NotificationKind.BookingConfirmation, SampleBooking.At(new DateTime(2026, 3, 6, 14, 0, 0, DateTimeKind.Utc)));
        var afterDst = await ComposeAsync(NotificationKind.BookingConfirmation, SampleBooking.At(new DateTime(2026, 3, 9, 14, 0, 0, DateTimeKind.Utc)));

        WebUtility.HtmlDecode(beforeDst.Html).Should().Contain("Friday 6 March 2026, 9:00 AM – 10:00 AM New York time (America/New_York)");
        WebUtility.HtmlDecode(afterDst.Html).Should().Contain("Monday 9 March 2026, 10:00 AM – 11:00 AM New York time (America/New_York)");
        afterDst.Text.Should().Contain("When: Monday 9 March 2026, 10:00 AM – 11:00 AM New York time");
    }

    [Fact]
    public async Task The_confirmation_carries_the_number_the_place_and_the_links_back_in_both_parts()
    {
        var booking = SampleBooking.View();

        var message = await ComposeAsync(NotificationKind.BookingConfirmation, booking);

        var html = WebUtility.HtmlDecode(message.Html);
        foreach (var part in new[] { html, message.Text })
        {
            part.Should().Contain("ABCD-2345").And.Contain("12 Harbour Street, Boston").And.Contain("https://portal.example.test/bookings/ABCD-2345");
        }

        html.Should().Contain("Add it to Google Calendar").And.Contain("calendar.google.com/calendar/render");
        message.Subject.Should().Be("Booked: Specialist Consultation on Mon 9 Mar 2026 10:00 AM New York time (ABCD-2345)");
        message.Html.Should().NotContain("<script", "an e-mail carries no script");
    }

    [Fact]
    public async Task A_virtual_appointment_gives_the_video_link_as_the_place()
    {
        var booking = SampleBooking.View() with
        {
            LocationKind = LocationKind.Virtual, Address = null, VideoLink = "https://video.example.test/room/7",
        };

        var message = await ComposeAsync(NotificationKind.Reminder24h, booking);

        message.Text.Should().Contain("Where: Online: https://video.example.test/room/7");
        message.Html.Should().Contain("Online: https://video.example.test/room/7");
    }

    [Fact]
    public async Task The_cancellation_says_what_is_kept_and_what_is_released()
    {
        var facts = Facts(NotificationKind.Cancellation, SampleBooking.View()) with { FeeRetained = 25m, Released = 25m };

        var message = await Composer.ComposeAsync(facts);

        message.Text.Should().Contain("A late-cancellation fee of $25.00 is kept; $25.00 of the deposit is refunded or no longer due.");
        message.Subject.Should().StartWith("Cancelled: Specialist Consultation");
    }

    [Fact]
    public async Task The_waitlist_offer_text_message_gives_the_deadline_in_the_services_zone_and_the_claim_link()
    {
        var booking = SampleBooking.View();
        var deadline = TimeZoneInfo.ConvertTime(new DateTimeOffset(2026, 3, 7, 18, 30, 0, TimeSpan.Zero), TimeZoneInfo.FindSystemTimeZoneById(Zone));
        var facts = Facts(NotificationKind.WaitlistSeatOffered, booking) with { OfferExpiresLocal = deadline };

        var message = await Composer.ComposeAsync(facts);

        message.Sms.Should().Contain("held for you until Sat 7 Mar 2026 1:30 PM").And.Contain("https://portal.example.test/bookings/ABCD-2345");
        message.Sms.Length.Should().BeLessThan(320, "two SMS segments at most");
    }

    [Fact]
    public void The_calendar_file_has_a_stable_uid_the_zone_the_end_and_the_place_and_a_cancellation_replaces_it()
    {
        var booking = SampleBooking.View();

        var published = CalendarFile.Create(booking, Portal, English);
        var cancelled = CalendarFile.Create(booking, Portal, English, "CANCEL", sequence: 3, stampUtc: new DateTime(2026, 3, 5, 8, 0, 0, DateTimeKind.Utc));

        published.Should().Contain("METHOD:PUBLISH").And.Contain($"UID:{booking.Id}@bookingportal")
            .And.Contain("DTSTART;TZID=America/New_York:20260309T100000").And.Contain("DTEND;TZID=America/New_York:20260309T110000")
            .And.Contain("LOCATION:12 Harbour Street\\, Boston");
        cancelled.Should().Contain("METHOD:CANCEL").And.Contain("STATUS:CANCELLED").And.Contain("SEQUENCE:3");
        Calendar.Load(cancelled)!.Events.Single().Uid.Should().Be(Calendar.Load(published)!.Events.Single().Uid);
    }

    [Theory]
    [InlineData("America/New_York", 0, 3, 9)]
    [InlineData("Europe/London", 1, 10, 31)]
    [InlineData("Australia/Sydney", 1, 7, 5)]
    [InlineData("Europe/London", 2, 8, 1)]
    [InlineData("Asia/Tokyo", 2, 1, 15)]
    public void The_calendar_file_defines_its_zone_with_its_rules_and_the_appointment_reads_back_at_its_instant(
        string zoneId, int yearsAhead, int month, int day)
    {
        // Years counted from the wall clock's, which Ical.Net reads when it writes a zone's definition:
        // bookings run up to two years ahead.
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var startUtc = TimeZoneInfo.ConvertTimeToUtc(new DateTime(DateTime.UtcNow.Year + yearsAhead, month, day, 9, 30, 0), zone);
        var booking = SampleBooking.At(startUtc) with
        {
            TimeZoneId = zoneId,
            LocalStart = TimeZoneInfo.ConvertTime(new DateTimeOffset(startUtc), zone),
            LocalEnd = TimeZoneInfo.ConvertTime(new DateTimeOffset(startUtc.AddHours(1)), zone),
        };
        var observesSummerTime = zone.GetUtcOffset(startUtc.AddMonths(-6)) != zone.GetUtcOffset(startUtc);

        // Twice: the zone's definition is written once and kept.
        foreach (var file in new[] { CalendarFile.Create(booking, Portal, English), CalendarFile.Create(booking, Portal, English) })
        {
            var calendar = Calendar.Load(file)!;
            var definition = calendar.TimeZones.Should().ContainSingle().Subject;
            definition.TzId.Should().Be(zoneId);
            string[] rules = observesSummerTime ? ["STANDARD", "DAYLIGHT"] : ["STANDARD"];
            definition.Children.Select(rule => rule.Name).Should().Contain(rules, "clients that read the file's own zone rules need each of them");
            var appointment = calendar.Events.Should().ContainSingle().Subject;
            appointment.DtStart!.AsUtc.Should().Be(startUtc);
            appointment.DtEnd!.AsUtc.Should().Be(startUtc.AddHours(1));
            file.Should().Contain("END:VTIMEZONE\r\nBEGIN:VEVENT\r\n").And.EndWith("END:VEVENT\r\nEND:VCALENDAR\r\n");
        }
    }

    private Task<ComposedMessage> ComposeAsync(NotificationKind kind, BookingView booking) => Composer.ComposeAsync(Facts(kind, booking));

    private static MessageFacts Facts(NotificationKind kind, BookingView booking) =>
        new(kind, "Ana", new AppointmentFacts(booking.ServiceName, booking.LocalStart, booking.LocalEnd, booking.TimeZoneId, booking.LocationKind,
            booking.Address, booking.VideoLink, booking.ConfirmationNumber, new Uri(Portal, $"bookings/{booking.ConfirmationNumber}")), Portal)
        {
            Currency = booking.Currency,
            GoogleCalendarLink = kind == NotificationKind.BookingConfirmation ? CalendarFile.GoogleCalendarLink(booking, Portal, English) : null,
        };

}
