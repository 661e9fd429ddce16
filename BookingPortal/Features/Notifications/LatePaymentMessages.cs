namespace BookingPortal.Features.Notifications;

/// <summary>
/// "Your payment came after your seat was released, and is refunded", and "your second payment is refunded": written in the
/// transaction that records the payment and owes it back. Without them the customer saw a charge on their card and heard
/// nothing, unless they opened the booking's page.
/// </summary>
// Stateless: one for the process, as the outbox it writes through.
[SingletonService]
public sealed class LatePaymentMessages(NotificationOutbox outbox)
{
    public static string EventKey(Guid bookingId) => $"late-payment:{bookingId}";

    /// <summary>
    /// Once per booking (its event key): only the first payment recorded on a booking can come late, and a webhook delivered
    /// again finds the payment recorded and does not come here; the outbox's key would refuse a second all the same.
    /// </summary>
    /// <param name="amount">What was charged, all of it refunded.</param>
    public Task QueueAsync(BookingDbContext db, Guid bookingId, decimal amount, CancellationToken cancellationToken) =>
        outbox.QueueForBookingAsync(db, NotificationKind.LatePaymentRefunded, bookingId, _ => EventKey(bookingId), cancellationToken,
            facts => facts with { FeeRetained = 0, Released = amount });

    public static string SecondPaymentEventKey(Guid bookingId, string paymentReference) => $"second-payment:{bookingId}:{paymentReference}";

    /// <summary>
    /// Once per payment refunded (its event key): the transaction that queues its refund comes here, and a delivery of the same
    /// payment again finds that refund queued and does not; the outbox's key would refuse a second all the same.
    /// </summary>
    /// <param name="amount">What the second payment charged, all of it refunded.</param>
    public Task QueueSecondPaymentAsync(BookingDbContext db, Guid bookingId, string paymentReference, decimal amount, CancellationToken cancellationToken) =>
        outbox.QueueForBookingAsync(db, NotificationKind.SecondPaymentRefunded, bookingId, _ => SecondPaymentEventKey(bookingId, paymentReference), cancellationToken,
            facts => facts with { FeeRetained = 0, Released = amount });
}
