using BookingPortal.Features.Booking;
using BookingPortal.Features.Bookings;
using BookingPortal.Domain;
using BookingPortal.Features.Catalog;
using System.Text.Json;

namespace BookingPortal.Features.Api;

public sealed record ServiceDto(
    int Id, string Name, string Description, int DurationMinutes, decimal Price, string Currency, string Location, string TimeZoneId,
    int BufferBeforeMinutes, int BufferAfterMinutes, int MinAdvanceBookingHours, int MaxAdvanceBookingDays, int MaxActiveBookingsPerCustomer)
{
    public static ServiceDto From(Service s) => new(
        s.Id, s.Name, s.Description, s.DurationMinutes, s.Price, s.Currency, s.LocationKind == LocationKind.InPerson ? "in-person" : "virtual", s.TimeZoneId,
        s.BufferBeforeMinutes, s.BufferAfterMinutes, s.MinAdvanceBookingHours, s.MaxAdvanceBookingDays, s.MaxActiveBookingsPerCustomer);
}

/// <summary>
/// A slot in UTC and in the service's zone (with its offset), with the seats left; <see cref="Bookable"/>
/// answers as a booking by the caller would, and <see cref="Reason"/> says why not (the booking's problem code).
/// </summary>
public sealed record SlotDto(DateTime StartUtc, DateTime EndUtc, DateTimeOffset LocalStart, DateTimeOffset LocalEnd, int Capacity, int Remaining, bool Bookable)
{
    public string? Reason { get; init; }

    public static SlotDto From(SlotAvailability s) => new(s.StartUtc, s.EndUtc, s.LocalStart, s.LocalEnd, s.Capacity, s.Remaining, s.IsBookable);

    public static SlotDto From(SlotAvailability s, CallerStanding caller)
    {
        var refusal = s.IsFull ? BookingError.SlotFull : !s.IsBookable ? BookingError.TooFarAhead : caller.RefusalAt(s.StartUtc);
        return From(s) with { Bookable = refusal is null, Reason = refusal is { } error ? ApiProblems.CodeFor(error) : null };
    }
}

public sealed record AvailabilityDto(int ServiceId, string TimeZoneId, DateOnly From, DateOnly To, IReadOnlyList<SlotDto> Slots);

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
