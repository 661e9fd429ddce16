using BookingPortal.Features.Bookings;

namespace BookingPortal.Features.Notifications.Templates;

/// <summary>The made-up booking a template is previewed with before it is saved; a name with markup in it shows that values are escaped.</summary>
public static class SampleMessage
{
    private const string Zone = "America/New_York";

    public static MessageFacts Facts(NotificationKind kind, string language, string clinicName, Uri portalBaseUri, bool privacyMode = false)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Zone);
        var start = TimeZoneInfo.ConvertTime(new DateTimeOffset(2026, 3, 9, 14, 0, 0, TimeSpan.Zero), zone);
        var appointment = new AppointmentFacts(
            "Specialist Consultation", start, start.AddHours(1), Zone, LocationKind.InPerson, "12 Harbour Street, Boston", null, "ABCD-2345",
            CustomerPages.BookingLink(portalBaseUri, "ABCD-2345"))
        {
            PrivacyMode = privacyMode, PractitionerName = kind == NotificationKind.PractitionerChanged ? "Dr Lena Ortiz" : null,
        };
        return new MessageFacts(kind, "Ana <García>", appointment, portalBaseUri)
        {
            Language = language,
            ClinicName = clinicName,
            Currency = "USD",
            FeeRetained = kind == NotificationKind.Cancellation ? 25m : null,
            Released = kind switch { NotificationKind.Cancellation => 25m, NotificationKind.LatePaymentRefunded or NotificationKind.SecondPaymentRefunded => 50m, _ => null },
            PreviousLocalStart = kind == NotificationKind.Rescheduled ? start.AddDays(-3) : null,
            OfferExpiresLocal = kind == NotificationKind.WaitlistSeatOffered ? start.AddDays(-2) : null,
            GoogleCalendarLink = kind == NotificationKind.BookingConfirmation ? "https://calendar.google.com/calendar/render?action=TEMPLATE" : null,
            Reason = kind == NotificationKind.ApprovalDeclined ? "The referral letter is missing." : null,
            PayByLocal = kind is NotificationKind.ApprovalGranted or NotificationKind.DepositDue ? start.AddDays(-5) : null,
            DepositDue = kind is NotificationKind.ApprovalGranted or NotificationKind.DepositDue ? 25m : null,
            TurnEndsLocal = kind == NotificationKind.YourTurn ? start : null,
            ResumeLink = kind == NotificationKind.YourTurn ? new Uri(portalBaseUri, CustomerPages.YourTurn + "?t=sample").ToString() : null,
            MinutesBefore = kind switch { NotificationKind.Reminder24h => 24 * 60, NotificationKind.Reminder1h => 60, _ => null },
        };
    }
}
