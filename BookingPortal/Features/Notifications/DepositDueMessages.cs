namespace BookingPortal.Features.Notifications;

/// <summary>
/// The online deposit a held booking still owes, and by when, as the customer's messages state it; and the message for a
/// booking made while its customer may be away (their ranked choice, booked at their turn), whose seat is held only
/// until the deposit is paid. Without it they would learn of the booking only once its hold had lapsed.
/// </summary>
[ScopedService]
public sealed class DepositDueMessages(NotificationOutbox outbox)
{
    /// <summary>Call in the booking's transaction; a booking no longer held for its deposit (paid at the desk, say) is not told.</summary>
    public async Task QueueAsync(BookingDbContext db, Guid bookingId, CancellationToken cancellationToken)
    {
        if (await ReadAsync(db, bookingId, cancellationToken) is { PayByLocal: not null } due)
        {
            await outbox.QueueForBookingAsync(db, NotificationKind.DepositDue, bookingId, _ => EventKey(bookingId), cancellationToken, due.Apply);
        }
    }

    /// <summary>
    /// Whether the customer of this held booking was told of it (an unpaid hold of their own making was not: they were on
    /// the page). Told, they hear of its cancellation or move as of a confirmed booking's.
    /// </summary>
    public static Task<bool> WasToldAsync(BookingDbContext db, Guid bookingId, CancellationToken cancellationToken)
    {
        var key = EventKey(bookingId);
        return db.OutboxMessages.AnyAsync(m => m.EventKey == key, cancellationToken);
    }

    private static string EventKey(Guid bookingId) => $"deposit-due:{bookingId}";

    /// <summary>What is still to pay and by when (both null when nothing is: the booking is not held for an online deposit), read in the caller's transaction.</summary>
    internal static async Task<DepositDue> ReadAsync(BookingDbContext db, Guid bookingId, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.AsNoTracking().Where(b => b.Id == bookingId)
            .Select(b => new { b.Status, b.ExpiresAtUtc, b.DepositAmount, b.Service!.TimeZoneId }).SingleAsync(cancellationToken);
        return booking is { Status: BookingStatus.PendingPayment, ExpiresAtUtc: { } until }
            ? new DepositDue(booking.Status, TimeZoneInfo.ConvertTime(new DateTimeOffset(until), TimeZoneCache.Find(booking.TimeZoneId)), booking.DepositAmount)
            : new DepositDue(booking.Status, null, null);
    }

    internal sealed record DepositDue(BookingStatus Status, DateTimeOffset? PayByLocal, decimal? Amount)
    {
        public MessageFacts Apply(MessageFacts facts) => facts with { PayByLocal = PayByLocal, DepositDue = Amount };
    }
}
