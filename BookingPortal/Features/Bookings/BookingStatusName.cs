namespace BookingPortal.Features.Bookings;

/// <summary>Status names on the wire (the API and webhooks) in kebab case (pending-payment, confirmed, …), independent of enum renames.</summary>
public static class BookingStatusName
{
    /// <summary>A declined request is stored Cancelled (it frees its seat like one) but is named for what happened to it.</summary>
    public static string Of(BookingStatus status, bool declined = false) => declined ? "declined" : status switch
    {
        BookingStatus.PendingPayment => "pending-payment",
        BookingStatus.NoShow => "no-show",
        BookingStatus.AwaitingApproval => "awaiting-approval",
        _ => status.ToString().ToLowerInvariant(),
    };
}
