using BookingPortal.Domain;

namespace BookingPortal.Features.Bookings;

/// <summary>Status names on the wire (the API and webhooks) in kebab case (pending-payment, confirmed, …), independent of enum renames.</summary>
public static class BookingStatusName
{
    public static string Of(BookingStatus status) => status switch
    {
        BookingStatus.PendingPayment => "pending-payment",
        BookingStatus.NoShow => "no-show",
        _ => status.ToString().ToLowerInvariant(),
    };
}
