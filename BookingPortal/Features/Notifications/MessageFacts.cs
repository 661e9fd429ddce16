using BookingPortal.Domain;
using BookingPortal.Features.Catalog;

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
    /// <summary>Who gives the appointment, on services that book practitioners.</summary>
    public string? Practitioner { get; init; }

    /// <summary>"Tuesday 3 March 2026, 9:00 AM – 10:00 AM New York time (America/New_York)".</summary>
    public string When => $"{DisplayFormat.Date(LocalStart)}, {DisplayFormat.TimeRange(LocalStart, LocalEnd)} {DisplayFormat.ZoneName(TimeZoneId)}";

    public string ShortWhen => $"{DisplayFormat.ShortDate(LocalStart)} {DisplayFormat.Time(LocalStart)} {TimeZoneId.Split('/')[^1].Replace('_', ' ')} time";

    public string Where => LocationKind == LocationKind.Virtual ? $"Online: {VideoLink}" : Address ?? "";
}

/// <summary>Everything a message template may say. Facts that do not apply to a kind stay null.</summary>
public sealed record MessageFacts(NotificationKind Kind, string CustomerName, AppointmentFacts Appointment, Uri PortalBaseUri)
{
    public string? Currency { get; init; }
    public decimal? FeeRetained { get; init; }
    public decimal? Released { get; init; }
    public DateTimeOffset? PreviousLocalStart { get; init; }
    public DateTimeOffset? OfferExpiresLocal { get; init; }
    public string? GoogleCalendarLink { get; init; }
    public string? PractitionerName { get; init; }

    /// <summary>Staff approval: what staff said when declining, and, once approved, the deposit to pay online and until when.</summary>
    public string? Reason { get; init; }
    public decimal? DepositDue { get; init; }
    public DateTimeOffset? PayByLocal { get; init; }

    public string Money(decimal? amount) => DisplayFormat.Money(amount ?? 0, Currency ?? "USD");

    public Uri MyAppointmentsLink => new(PortalBaseUri, "my-appointments");
}
