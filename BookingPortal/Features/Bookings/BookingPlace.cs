namespace BookingPortal.Features.Bookings;

/// <summary>Where a booking is given, as its customer, its calendar file and its messages show it.</summary>
public sealed record BookingPlace(LocationKind Kind, string? Address, string? VideoLink)
{
    /// <summary>
    /// The place kept on the booking when the service moved on after its time (<see cref="Domain.Booking.PlaceKind"/>),
    /// else the service's; by video, the booking's own room comes before the shared link.
    /// </summary>
    public static BookingPlace Of(Domain.Booking booking, Service service)
    {
        var (kind, address, link) = booking.PlaceKind is { } kept
            ? (kept, booking.PlaceAddress, booking.PlaceVideoLink)
            : (service.LocationKind, service.Address, service.VideoLink);
        return new BookingPlace(kind, address, kind == LocationKind.Virtual ? booking.VideoRoomLink ?? link : link);
    }
}
