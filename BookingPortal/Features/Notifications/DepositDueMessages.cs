using BookingPortal.Features.Catalog;

namespace BookingPortal.Features.Notifications;

/// <summary>
/// The online deposit a held booking still owes, and by when, as the customer's messages state it. A booking made while
/// its customer may be away (their ranked choice, booked at their turn) is told with it (NotificationOutbox composes
/// that message with the booking's others, before the slot's lock), as its seat is held only until the deposit is paid:
/// without it they would learn of the booking only once its hold had lapsed.
/// </summary>
public static class DepositDueMessages
{
    public static string EventKey(Guid bookingId) => $"deposit-due:{bookingId}";

    /// <summary>
    /// Whether the customer of this held booking was told of it (an unpaid hold of their own making was not: they were on
    /// the page). Told, they hear of its cancellation or move as of a confirmed booking's.
    /// </summary>
    public static Task<bool> WasToldAsync(BookingDbContext db, Guid bookingId, CancellationToken cancellationToken)
    {
        var key = EventKey(bookingId);
        return db.OutboxMessages.AnyAsync(m => m.EventKey == key, cancellationToken);
    }

    /// <summary>What is still to pay and by when (both null when nothing is: the booking is not held for an online deposit), read in the caller's transaction.</summary>
    internal static async Task<DepositDue> ReadAsync(BookingDbContext db, Guid bookingId, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.AsNoTracking().Where(b => b.Id == bookingId)
            .Select(b => new { b.Status, b.ExpiresAtUtc, b.DepositAmount, b.Service!.TimeZoneId }).SingleAsync(cancellationToken);
        return DepositDue.Of(booking.Status, booking.ExpiresAtUtc, booking.DepositAmount, booking.TimeZoneId);
    }

    internal sealed record DepositDue(BookingStatus Status, DateTimeOffset? PayByLocal, decimal? Amount)
    {
        public static DepositDue Of(BookingStatus status, DateTime? expiresAtUtc, decimal depositAmount, string timeZoneId) =>
            status == BookingStatus.PendingPayment && expiresAtUtc is { } until
                ? new(status, ZoneText.InZone(until, timeZoneId), depositAmount)
                : new(status, null, null);

        public MessageFacts Apply(MessageFacts facts) => facts with { PayByLocal = PayByLocal, DepositDue = Amount };
    }
}
