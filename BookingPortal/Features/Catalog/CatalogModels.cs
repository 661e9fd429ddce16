namespace BookingPortal.Features.Catalog;

public sealed record ServiceSummary(
    int Id,
    string Name,
    string Description,
    int DurationMinutes,
    decimal Price,
    string Currency,
    LocationKind LocationKind,
    string TimeZoneId);

/// <summary>A slot as a customer sees it: when (in the service's zone), how many seats are left, and whether it can be booked now.</summary>
public sealed record SlotAvailability(
    DateTime StartUtc,
    DateTime EndUtc,
    DateTimeOffset LocalStart,
    DateTimeOffset LocalEnd,
    int Capacity,
    int Remaining,
    bool IsBookable)
{
    public bool IsFull => Remaining == 0;

    /// <summary>On a service that books practitioners, the ones with a seat left in the slot, by id (none when it is full); null in the simple mode.</summary>
    public IReadOnlyList<int>? FreePractitionerIds { get; init; }
}

/// <summary>
/// The dates a customer may pick: those in the window that have slots. A fully booked date can
/// still be picked, to see it is full and join its waitlist.
/// </summary>
public sealed record BookingCalendar(DateOnly First, DateOnly Last, IReadOnlySet<DateOnly> DatesWithSlots, IReadOnlySet<DateOnly> DatesWithSeats)
{
    public bool IsSelectable(DateOnly date) => date >= First && date <= Last && DatesWithSlots.Contains(date);

    public bool IsFullyBooked(DateOnly date) => DatesWithSlots.Contains(date) && !DatesWithSeats.Contains(date);
}
