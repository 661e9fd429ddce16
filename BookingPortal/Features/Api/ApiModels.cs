using BookingPortal.Features.Booking;
using BookingPortal.Features.Bookings;
using BookingPortal.Features.Catalog;
using System.Text.Json;

namespace BookingPortal.Features.Api;

public sealed record ServiceDto(
    int Id, string Name, string Description, int DurationMinutes, decimal Price, string Currency, string Location, string TimeZoneId,
    int BufferBeforeMinutes, int BufferAfterMinutes, int MinAdvanceBookingHours, int MaxAdvanceBookingDays, int MaxActiveBookingsPerCustomer)
{
    /// <summary>Whether a booking names a practitioner (or leaves it to "any available"); false in the simple capacity mode.</summary>
    public bool BooksPractitioners { get; init; }

    /// <summary>Who performs the service, by name; empty in the simple capacity mode.</summary>
    public IReadOnlyList<PractitionerDto> Practitioners { get; init; } = [];

    public static ServiceDto From(Service s, IReadOnlyList<PractitionerProfile> practitioners) => new(
        s.Id, s.Name, s.Description, s.DurationMinutes, s.Price, s.Currency, LocationKindName.Of(s.LocationKind), s.TimeZoneId,
        s.BufferBeforeMinutes, s.BufferAfterMinutes, s.MinAdvanceBookingHours, s.MaxAdvanceBookingDays, s.MaxActiveBookingsPerCustomer)
    {
        BooksPractitioners = s.BooksPractitioners,
        Practitioners = practitioners.Select(PractitionerDto.From).ToList(),
    };
}

/// <summary>A practitioner customers may name in POST /bookings' practitionerId; languages as codes ("en", "es").</summary>
public sealed record PractitionerDto(int Id, string DisplayName, string Title, IReadOnlyList<string> Languages)
{
    public static PractitionerDto From(PractitionerProfile p) => new(p.Id, p.DisplayName, p.Title, p.LanguageCodes);
}

/// <summary>
/// A slot in UTC and in the service's zone (with its offset), with the seats left; <see cref="Bookable"/>
/// answers as a booking by the caller would, and <see cref="Reason"/> says why not (the booking's problem code).
/// </summary>
public sealed record SlotDto(DateTime StartUtc, DateTime EndUtc, DateTimeOffset LocalStart, DateTimeOffset LocalEnd, int Capacity, int Remaining, bool Bookable)
{
    public string? Reason { get; init; }

    /// <summary>On a service that books practitioners, those with a seat left in the slot (any of them can be named); null in the simple mode.</summary>
    public IReadOnlyList<int>? PractitionerIds { get; init; }

    public static SlotDto From(SlotAvailability s) =>
        new(s.StartUtc, s.EndUtc, s.LocalStart, s.LocalEnd, s.Capacity, s.Remaining, s.IsBookable) { PractitionerIds = s.FreePractitionerIds };

    public static SlotDto From(SlotAvailability s, CallerStanding caller)
    {
        var refusal = s.IsFull ? BookingError.SlotFull : !s.IsBookable ? BookingError.TooFarAhead : caller.RefusalAt(s.StartUtc);
        return From(s) with { Bookable = refusal is null, Reason = refusal is { } error ? ApiProblems.CodeFor(error) : null };
    }
}

/// <summary>The slots of a service; with <see cref="PractitionerId"/> set, those that practitioner can give (and those full for everyone).</summary>
public sealed record AvailabilityDto(int ServiceId, string TimeZoneId, DateOnly From, DateOnly To, IReadOnlyList<SlotDto> Slots)
{
    public int? PractitionerId { get; init; }
}

/// <summary>
/// What POST /api/v1/bookings takes (the document's schema; <see cref="ApiRequests"/> reads it strictly).
/// <see cref="CustomerId"/> only with a staff key that has the admin scope.
/// </summary>
/// <see cref="Answers"/>: the service's booking questions answered, keyed by question id (GET /services/{id}/questions lists them).
public sealed record CreateBookingRequest(int ServiceId, DateTimeOffset SlotStartUtc, string? CustomerId, int? PractitionerId = null)
{
    public IReadOnlyDictionary<string, JsonElement>? Answers { get; init; }
}

/// <summary>What POST /api/v1/bookings/{confirmation}/move takes: a slot of the booking's own service.</summary>
public sealed record MoveBookingRequest(DateTimeOffset SlotStartUtc);

public sealed record BookingDto(
    string ConfirmationNumber, int ServiceId, string ServiceName, string Status, DateTime StartUtc, DateTime EndUtc,
    DateTimeOffset LocalStart, DateTimeOffset LocalEnd, string TimeZoneId, decimal Price, decimal DepositAmount, string Currency, DateTime CreatedAtUtc)
{
    public static BookingDto From(BookingView b) => new(
        b.ConfirmationNumber, b.ServiceId, b.ServiceName, BookingStatusName.Of(b.Status, b.DeclineReason is not null), b.StartUtc, b.EndUtc, b.LocalStart, b.LocalEnd, b.TimeZoneId,
        b.Price, b.DepositAmount, b.Currency, b.CreatedAtUtc)
    {
        ApprovalDeadlineUtc = b.ApprovalDeadlineUtc,
        DeclineReason = b.DeclineReason,
    };

    /// <summary>While the booking awaits staff approval: when the request lapses.</summary>
    public DateTime? ApprovalDeadlineUtc { get; init; }

    /// <summary>What staff told the customer when declining (or that the request lapsed).</summary>
    public string? DeclineReason { get; init; }
}

public sealed record CancellationDto(BookingDto Booking, decimal FeeRetained, decimal Refunded, string Message);
