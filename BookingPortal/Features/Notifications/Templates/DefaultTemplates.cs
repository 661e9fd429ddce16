namespace BookingPortal.Features.Notifications.Templates;

/// <summary>
/// The built-in words of every booking message, in English and Spanish: what is sent until staff
/// save a version of their own. Both languages share one layout; <see cref="DefaultWords"/> holds the words.
/// </summary>
public static class DefaultTemplates
{
    public static readonly IReadOnlyList<NotificationKind> Kinds =
    [
        NotificationKind.BookingConfirmation, NotificationKind.Reminder24h, NotificationKind.Reminder1h,
        NotificationKind.Cancellation, NotificationKind.Rescheduled, NotificationKind.WaitlistSeatOffered,
        NotificationKind.PractitionerChanged, NotificationKind.ApprovalRequested, NotificationKind.ApprovalGranted, NotificationKind.ApprovalDeclined,
        NotificationKind.YourTurn, NotificationKind.DepositDue, NotificationKind.LocationChanged,
        NotificationKind.WaitlistClosed, NotificationKind.LatePaymentRefunded, NotificationKind.SecondPaymentRefunded,
    ];

    private const string LabelStyle = "text-align:left;vertical-align:top;padding:6px 12px 6px 0;color:#52606d;font-weight:600;white-space:nowrap;";
    private const string ValueStyle = "padding:6px 0;";
    private const string ButtonStyle = "display:inline-block;background:#1e4e8c;color:#ffffff;text-decoration:none;padding:12px 20px;border-radius:6px;font-weight:600;";

    public static bool IsTemplated(NotificationKind kind) => Kinds.Contains(kind);

    public static TemplateText For(NotificationKind kind, string language)
    {
        var words = DefaultWords.For(language);
        var message = words.Kinds[kind];
        if (kind is NotificationKind.YourTurn or NotificationKind.WaitlistClosed)
        {
            return Brief(words, message, kind == NotificationKind.YourTurn ? "{{resume_link}}" : "{{manage_link}}");
        }

        var hasNumber = kind != NotificationKind.WaitlistSeatOffered;
        var calendarLink = kind == NotificationKind.BookingConfirmation;
        return new TemplateText(message.Subject, Html(words, message, hasNumber, calendarLink), Text(words, message, hasNumber, calendarLink), message.Sms);
    }

    private static string Html(DefaultWords words, KindWords message, bool hasNumber, bool calendarLink)
    {
        var rows = new List<string>
        {
            Row(words.Service, "{{service}}"), Row(words.With, "{{practitioner}}"), Row(words.When, "{{when}}"), Row(words.Where, "{{location}}"),
        };
        if (hasNumber)
        {
            rows.Add(Row(words.ConfirmationNumber, "<strong>{{confirmation_number}}</strong>"));
        }

        var extra = calendarLink ? $"{message.Extra} {words.GoogleQuestion} <a href=\"{{{{google_calendar_link}}}}\">{words.GoogleAction}</a>." : message.Extra;
        return string.Join("\n",
            $"<p style=\"margin:0 0 8px;\">{words.Greeting}</p>",
            $"<p style=\"margin:0 0 8px;\">{message.Headline}</p>",
            "<table role=\"presentation\" style=\"width:100%;border-collapse:collapse;margin:16px 0;font-size:15px;\">",
            string.Join("\n", rows),
            "</table>",
            extra.Length > 0 ? $"<p style=\"margin:0 0 16px;\">{extra}</p>" : "",
            $"<p style=\"margin:24px 0 0;\"><a href=\"{{{{manage_link}}}}\" style=\"{ButtonStyle}\">{message.Action}</a></p>");
    }

    /// <summary>
    /// About no appointment: "your turn" (the service, until when the turn is kept, the link that resumes it) and a waitlist
    /// place ended (the service, the day waited for, the services still offered).
    /// </summary>
    private static TemplateText Brief(DefaultWords words, KindWords message, string link)
    {
        var html = string.Join("\n",
            $"<p style=\"margin:0 0 8px;\">{words.Greeting}</p>",
            $"<p style=\"margin:0 0 8px;\">{message.Headline}</p>",
            "<table role=\"presentation\" style=\"width:100%;border-collapse:collapse;margin:16px 0;font-size:15px;\">",
            Row(words.Service, "{{service}}"),
            "</table>",
            $"<p style=\"margin:0 0 16px;\">{message.Extra}</p>",
            $"<p style=\"margin:24px 0 0;\"><a href=\"{link}\" style=\"{ButtonStyle}\">{message.Action}</a></p>");
        var text = string.Join("\n",
            words.Greeting, "", message.Headline, "", $"{words.Service}: {{{{service}}}}", "", message.Extra, "", $"{message.Action}: {link}", "", "{{clinic}}");
        return new TemplateText(message.Subject, html, text, message.Sms);
    }

    private static string Row(string label, string value) =>
        $"<tr><th style=\"{LabelStyle}\">{label}</th><td style=\"{ValueStyle}\">{value}</td></tr>";

    private static string Text(DefaultWords words, KindWords message, bool hasNumber, bool calendarLink)
    {
        var lines = new List<string>
        {
            words.Greeting, "", message.Headline, "",
            $"{words.Service}: {{{{service}}}}", $"{words.With}: {{{{practitioner}}}}", $"{words.When}: {{{{when}}}}", $"{words.Where}: {{{{location}}}}",
        };
        if (hasNumber)
        {
            lines.Add($"{words.ConfirmationNumber}: {{{{confirmation_number}}}}");
        }

        if (calendarLink)
        {
            lines.Add($"{words.GoogleAction}: {{{{google_calendar_link}}}}");
        }

        lines.AddRange(["", $"{message.Action}: {{{{manage_link}}}}", "", "{{clinic}}"]);
        return string.Join("\n", lines);
    }
}
