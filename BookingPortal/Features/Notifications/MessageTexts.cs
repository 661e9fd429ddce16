using BookingPortal.Domain;
using BookingPortal.Features.Catalog;

namespace BookingPortal.Features.Notifications;

/// <summary>Subjects, the plain-text part of each e-mail and the text messages. Short enough for one or two SMS segments.</summary>
public static class MessageTexts
{
    public static string Subject(MessageFacts facts)
    {
        var a = facts.Appointment;
        return facts.Kind switch
        {
            NotificationKind.BookingConfirmation => $"Booked: {a.ServiceName} on {a.ShortWhen} ({a.ConfirmationNumber})",
            NotificationKind.Reminder24h => $"Reminder: {a.ServiceName} tomorrow, {a.ShortWhen}",
            NotificationKind.Reminder1h => $"Starting soon: {a.ServiceName} at {DisplayFormat.Time(a.LocalStart)}",
            NotificationKind.Cancellation => $"Cancelled: {a.ServiceName} on {a.ShortWhen} ({a.ConfirmationNumber})",
            NotificationKind.Rescheduled => $"Moved: {a.ServiceName} is now {a.ShortWhen} ({a.ConfirmationNumber})",
            NotificationKind.WaitlistSeatOffered => $"A seat is free: {a.ServiceName} on {a.ShortWhen}",
            NotificationKind.PractitionerChanged => $"New practitioner: {a.ServiceName} on {a.ShortWhen} is with {facts.PractitionerName} ({a.ConfirmationNumber})",
            NotificationKind.ApprovalRequested => $"Requested: {a.ServiceName} on {a.ShortWhen} ({a.ConfirmationNumber})",
            NotificationKind.ApprovalGranted => $"Approved: {a.ServiceName} on {a.ShortWhen} ({a.ConfirmationNumber})",
            NotificationKind.ApprovalDeclined => $"Not approved: {a.ServiceName} on {a.ShortWhen} ({a.ConfirmationNumber})",
            _ => throw new ArgumentOutOfRangeException(nameof(facts), facts.Kind, "Unknown message kind."),
        };
    }

    public static string PlainText(MessageFacts facts)
    {
        var a = facts.Appointment;
        var lines = new List<string> { $"Hello {facts.CustomerName},", "", Headline(facts), "" };
        lines.Add($"Service: {a.ServiceName}");
        if (a.Practitioner is not null)
        {
            lines.Add($"With: {a.Practitioner}");
        }

        lines.Add($"When: {a.When}");
        if (a.Where.Length > 0)
        {
            lines.Add($"Where: {a.Where}");
        }

        if (a.ConfirmationNumber is not null)
        {
            lines.Add($"Confirmation number: {a.ConfirmationNumber}");
        }

        if (facts.GoogleCalendarLink is not null)
        {
            lines.Add($"Add to Google Calendar: {facts.GoogleCalendarLink}");
        }

        lines.Add("");
        lines.Add($"{Action(facts)}: {a.Link}");
        lines.Add("");
        lines.Add("BookingPortal");
        return string.Join("\n", lines);
    }

    public static string Sms(MessageFacts facts)
    {
        var a = facts.Appointment;
        return facts.Kind switch
        {
            NotificationKind.Reminder24h => $"Reminder: {a.ServiceName} tomorrow {a.ShortWhen}. Ref {a.ConfirmationNumber}. {a.Link}",
            NotificationKind.Reminder1h => $"Starting soon: {a.ServiceName} at {DisplayFormat.Time(a.LocalStart)} {a.TimeZoneId.Split('/')[^1].Replace('_', ' ')} time. Ref {a.ConfirmationNumber}. {a.Link}",
            NotificationKind.WaitlistSeatOffered =>
                $"A seat is free for {a.ServiceName} on {a.ShortWhen}. It is held for you until {OfferDeadline(facts)}. Claim it: {a.Link}",
            _ => PlainText(facts),
        };
    }

    /// <summary>The sentence that says what happened; the HTML templates say the same words.</summary>
    public static string Headline(MessageFacts facts) => facts.Kind switch
    {
        NotificationKind.BookingConfirmation => "Your appointment is booked.",
        NotificationKind.Reminder24h => "A reminder: your appointment is tomorrow.",
        NotificationKind.Reminder1h => "Your appointment starts in about an hour.",
        NotificationKind.Cancellation => CancellationSentence(facts),
        NotificationKind.Rescheduled => facts.PreviousLocalStart is { } before
            ? $"Your appointment has moved from {DisplayFormat.Date(before)}, {DisplayFormat.Time(before)} to the new time below."
            : "Your appointment has moved to the new time below.",
        NotificationKind.WaitlistSeatOffered => $"Good news: a seat you were waiting for is free, and we are holding it for you until {OfferDeadline(facts)}.",
        NotificationKind.PractitionerChanged =>
            $"We are sorry: the practitioner you booked is away, so {facts.PractitionerName} will see you instead. The time and place are unchanged. If this does not suit you, please contact us or change your booking from the link below.",
        NotificationKind.ApprovalRequested => "We have your request. Our staff will review it; your seat is held until they answer, and nothing is charged yet.",
        NotificationKind.ApprovalGranted => facts.PayByLocal is { } payBy
            ? $"Your request is approved. Please pay the deposit of {facts.Money(facts.DepositDue)} by {DisplayFormat.ShortDate(payBy)} {DisplayFormat.Time(payBy)} to keep your seat."
            : "Your request is approved: your appointment is booked.",
        NotificationKind.ApprovalDeclined => $"We are sorry: your request was not approved, and nothing is charged. Reason: {facts.Reason}",
        _ => throw new ArgumentOutOfRangeException(nameof(facts), facts.Kind, "Unknown message kind."),
    };

    public static string Action(MessageFacts facts) => facts.Kind switch
    {
        NotificationKind.WaitlistSeatOffered => "Claim the seat",
        NotificationKind.Cancellation or NotificationKind.ApprovalDeclined => "Book again",
        NotificationKind.ApprovalGranted when facts.PayByLocal is not null => "Pay the deposit",
        _ => "Manage your booking",
    };

    private static string OfferDeadline(MessageFacts facts) =>
        facts.OfferExpiresLocal is { } until ? $"{DisplayFormat.ShortDate(until)} {DisplayFormat.Time(until)}" : "the offer ends";

    private static string CancellationSentence(MessageFacts facts)
    {
        var fee = facts.FeeRetained ?? 0;
        var released = facts.Released ?? 0;
        if (fee == 0 && released == 0)
        {
            return "Your appointment is cancelled. There was no deposit to refund.";
        }

        return fee > 0
            ? $"Your appointment is cancelled. A late-cancellation fee of {facts.Money(fee)} is kept; {facts.Money(released)} of the deposit is refunded or no longer due."
            : $"Your appointment is cancelled. Your deposit of {facts.Money(released)} is refunded in full or no longer due.";
    }
}
