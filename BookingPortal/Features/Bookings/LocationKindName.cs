namespace BookingPortal.Features.Bookings;

/// <summary>Where-kind names on the wire (the API's services and webhooks' bookings), as <see cref="BookingStatusName"/> names statuses.</summary>
public static class LocationKindName
{
    public static string Of(LocationKind kind) => kind == LocationKind.InPerson ? "in-person" : "virtual";
}
