namespace BookingPortal.Features.Notifications;

/// <summary>
/// Whether a booking's customer was told of it, and so hears of what then happens to it (cancelled, moved, another
/// practitioner): confirmed; a request, acknowledged and perhaps approved with a deposit to pay; a booking made at their
/// turn, told with what to pay. An unpaid hold of their own making was not: they were on the page paying, and if the
/// hold lapses or staff change it meanwhile, only webhooks hear.
/// </summary>
public static class CustomerTold
{
    public static async Task<bool> OfAsync(BookingDbContext db, Guid bookingId, BookingStatus status, bool requiresApproval, CancellationToken cancellationToken) =>
        status is BookingStatus.Confirmed or BookingStatus.AwaitingApproval
        || (status == BookingStatus.PendingPayment && (requiresApproval || await DepositDueMessages.WasToldAsync(db, bookingId, cancellationToken)));
}
