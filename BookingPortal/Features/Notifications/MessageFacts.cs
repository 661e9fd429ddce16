namespace BookingPortal.Features.Notifications;

/// <summary>The appointment a message is about, with its times already in the service's zone.</summary>
public sealed record AppointmentFacts(
    string ServiceName,
    DateTimeOffset LocalStart,
    DateTimeOffset LocalEnd,
    string TimeZoneId,
    LocationKind LocationKind,
    string? Address,
    string? VideoLink,
    string? ConfirmationNumber,
    Uri Link)
{
    /// <summary>The service's privacy mode: the message names only the clinic, never the service.</summary>
    public bool PrivacyMode { get; init; }

    /// <summary>Who gives the appointment, on services that book practitioners.</summary>
    public string? PractitionerName { get; init; }
}

/// <summary>Everything a message template may say. Facts that do not apply to a kind stay null.</summary>
public sealed record MessageFacts(NotificationKind Kind, string CustomerName, AppointmentFacts Appointment, Uri PortalBaseUri)
{
    /// <summary>"en" or "es": the customer's language (<see cref="MessageLanguage"/>).</summary>
    public string Language { get; init; } = MessageLanguage.English;

    /// <summary>Who the messages come from, named by privacy mode's "Your appointment at …".</summary>
    public string ClinicName { get; init; } = "BookingPortal";

    public string? Currency { get; init; }
    public decimal? FeeRetained { get; init; }
    public decimal? Released { get; init; }
    public DateTimeOffset? PreviousLocalStart { get; init; }
    public DateTimeOffset? OfferExpiresLocal { get; init; }
    public string? GoogleCalendarLink { get; init; }

    /// <summary>Staff approval: what staff said when declining, and, once approved, the deposit to pay online and until when.</summary>
    public string? Reason { get; init; }
    public decimal? DepositDue { get; init; }
    public DateTimeOffset? PayByLocal { get; init; }

    /// <summary>For a reminder: how long before the start it was planned to go.</summary>
    public int? MinutesBefore { get; init; }

    /// <summary>For "your turn": when the admission window ends, and the signed single-use link that resumes the turn.</summary>
    public DateTimeOffset? TurnEndsLocal { get; init; }
    public string? ResumeLink { get; init; }

    /// <summary>For a waitlist ended: every day the customer waited for, in order; {{date}} names them all in one message.</summary>
    public IReadOnlyList<DateTimeOffset>? Days { get; init; }
}

/// <summary>The languages messages are written in, chosen from a customer's preferred culture.</summary>
public static class MessageLanguage
{
    public const string English = "en";
    public const string Spanish = "es";

    public static readonly IReadOnlyList<string> All = [English, Spanish];

    public static string Of(string? culture) =>
        culture is not null && culture.StartsWith("es", StringComparison.OrdinalIgnoreCase) ? Spanish : English;
}
