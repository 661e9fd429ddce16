using BookingPortal.Features.Payments.Ports;
using BookingPortal.Features.Bookings;
using BookingPortal.Features.Catalog;
using BookingPortal.Features.Notifications;
using Microsoft.EntityFrameworkCore.Storage;

namespace BookingPortal.Features.Payments;

/// <summary>
/// Online deposits: starts the hosted checkout for a held booking and records the provider's
/// confirmation (exactly once, whatever the number of webhook deliveries). Money that arrives
/// when it can no longer be taken is queued for refund in the same transaction.
/// </summary>
[ScopedService]
public sealed class PaymentService(
    IDbContextFactory<BookingDbContext> dbFactory,
    BookingReader bookings,
    IPaymentGateway gateway,
    RefundQueue refunds,
    RefundDispatcher refundDispatcher,
    SlotChangeNotifier slotChanges,
    BookingChangeNotifier bookingChanges,
    NotificationOutbox outbox,
    LatePaymentMessages latePayments,
    TimeProvider time,
    ILogger<PaymentService> logger)
{
    /// <summary>
    /// The least time a customer sent to a checkout has to pay in it (the card form, a bank's 3-D Secure page). A press with
    /// less of the hold left sent them to a page the hold expiry sweep closed under them seconds later. So every press, the
    /// one that opens the checkout and a later one that reuses it (back from the card form, the customer taps "Pay" again),
    /// extends the hold to this from the press: by at most this much per press, and never past the checkout's own end, after
    /// which the provider takes no payment in it (Stripe's is at least 30 minutes after the first press); a press that
    /// would have less than this before that end is refused (<see cref="CheckoutEndsTooSoonException"/>). A press that
    /// opens no checkout gives the time back.
    /// </summary>
    public static readonly TimeSpan TimeToPay = TimeSpan.FromMinutes(5);

    /// <summary>False when deposits are paid at reception: a booking held for an online deposit before the switch can no longer be paid here.</summary>
    public bool TakesPaymentOnline => gateway.TakesPaymentOnline;

    /// <returns>Where to send the customer to pay, or null when the booking is not waiting for an online payment.</returns>
    /// <exception cref="CheckoutEndsTooSoonException">The booking's checkout stops taking payment in less than <see cref="TimeToPay"/>.</exception>
    public async Task<Uri?> StartDepositCheckoutAsync(string confirmationNumber, string userId, Uri portalBaseUri, CancellationToken cancellationToken = default)
    {
        var booking = await bookings.GetAsync(confirmationNumber, userId, isStaff: false, cancellationToken);
        var nowUtc = time.GetUtcNow().UtcDateTime;
        if (!gateway.TakesPaymentOnline || booking is not { Status: BookingStatus.PendingPayment, PaymentHoldExpiresAtUtc: { } until } || until <= nowUtc)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var holdEnds = until < nowUtc + TimeToPay ? nowUtc + TimeToPay : until;
        var (fixedByThisPress, expiresAtUtc) = await FixCheckoutEndAsync(db, booking.Id, nowUtc, holdEnds, gateway.CheckoutExpiresAt(holdEnds, nowUtc), cancellationToken);
        if (expiresAtUtc is not { } closes)
        {
            return null;
        }

        var page = CustomerPages.BookingLink(portalBaseUri, booking.ConfirmationNumber);
        var checkout = new DepositCheckout(booking.Id, booking.ConfirmationNumber, booking.ServiceName, booking.DepositAmount, booking.Currency,
            new Uri(page + "?payment=done"), new Uri(page + "?payment=cancelled"), closes);
        try
        {
            // One checkout per booking: pressing "Pay" twice reuses the first session instead of opening a second.
            var started = await gateway.StartCheckoutAsync(checkout, CheckoutKey(booking.Id, closes), cancellationToken);
            // Kept before the customer is sent to it, so the hold expiry sweep can close it when the hold ends.
            await db.Bookings.Where(b => b.Id == booking.Id && b.CheckoutSessionId == null)
                .ExecuteUpdateAsync(b => b.SetProperty(x => x.CheckoutSessionId, started.SessionId), CancellationToken.None);
            return started.Url;
        }
        catch (Exception failure) when (fixedByThisPress && failure is not CheckoutInProgressException)
        {
            // The first request under a key, failed, is never sent again: Stripe answers a reused key with its saved
            // failure (a 500), and a closing time fixed minutes ago may now be under its 30-minute minimum. The next
            // press fixes a new time, and so a new key; a session the failed (or abandoned) request did open is one the
            // customer cannot pay, as its address reached no one. Only that first press forgets the time, and only while
            // no press kept a session: a later one may fail after an earlier one's session was shown, and a new key would
            // open a second payable session; nor while another press with this key is still being answered.
            await ForgetFailedCheckoutAsync(db, booking.Id, closes, holdEnds, until);
            throw;
        }
    }

    /// <summary>The time fixed by a press that opened no checkout is forgotten, and the hold it extended ends when it did before.</summary>
    private static Task ForgetFailedCheckoutAsync(BookingDbContext db, Guid bookingId, DateTime closes, DateTime extendedTo, DateTime heldUntil) =>
        db.Bookings.Where(b => b.Id == bookingId && b.CheckoutExpiresAtUtc == closes && b.CheckoutSessionId == null)
            .ExecuteUpdateAsync(b => b.SetProperty(x => x.CheckoutExpiresAtUtc, (DateTime?)null)
                .SetProperty(x => x.ExpiresAtUtc, x => x.ExpiresAtUtc == extendedTo ? heldUntil : x.ExpiresAtUtc), CancellationToken.None);

    /// <summary>
    /// The first checkout fixes when checkouts close, so pressing "Pay" again sends the provider the same request:
    /// Stripe refuses an idempotency key reused with different parameters. Only while the seat is still held: the hold
    /// expiry sweep releases a hold with no checkout fixed without asking the provider, conditional on there being none.
    /// The same update gives the hold until <paramref name="holdEnds"/> (<see cref="TimeToPay"/>), so a sweep that read
    /// the hold as lapsed finds it changed and leaves it. A later press, finding the time fixed, is given its time to pay
    /// in that checkout (<see cref="GiveLaterPressTimeToPayAsync"/>), or refused.
    /// </summary>
    /// <returns>Whether this press fixed it, and the time fixed; no time when the booking no longer waits for payment.</returns>
    private static async Task<(bool FixedByThisPress, DateTime? ExpiresAtUtc)> FixCheckoutEndAsync(
        BookingDbContext db, Guid bookingId, DateTime nowUtc, DateTime holdEnds, DateTime proposed, CancellationToken cancellationToken)
    {
        var fixedByThisPress = await db.Bookings
            .Where(b => b.Id == bookingId && b.Status == BookingStatus.PendingPayment && b.CheckoutExpiresAtUtc == null && b.ExpiresAtUtc > nowUtc)
            .ExecuteUpdateAsync(b => b.SetProperty(x => x.CheckoutExpiresAtUtc, proposed)
                .SetProperty(x => x.ExpiresAtUtc, x => x.ExpiresAtUtc < holdEnds ? holdEnds : x.ExpiresAtUtc), cancellationToken) == 1;
        var current = await db.Bookings.Where(b => b.Id == bookingId).Select(b => new { b.Status, b.CheckoutExpiresAtUtc }).SingleAsync(cancellationToken);
        if (!fixedByThisPress && current is { Status: BookingStatus.PendingPayment, CheckoutExpiresAtUtc: { } closes })
        {
            await GiveLaterPressTimeToPayAsync(db, bookingId, nowUtc, closes, cancellationToken);
        }

        return (fixedByThisPress, current.Status == BookingStatus.PendingPayment ? current.CheckoutExpiresAtUtc : null);
    }

    /// <summary>
    /// A press that reuses the checkout an earlier press opened gives the hold <see cref="TimeToPay"/> as that press did, in
    /// an update conditional on the same checkout and a hold not yet lapsed (a sweep that read it as lapsed may be closing
    /// the checkout). The checkout's end bounds it: a hold past it holds a seat nobody can pay for.
    /// </summary>
    /// <exception cref="CheckoutEndsTooSoonException">The checkout closes before the customer would have <see cref="TimeToPay"/> in it.</exception>
    private static async Task GiveLaterPressTimeToPayAsync(BookingDbContext db, Guid bookingId, DateTime nowUtc, DateTime closes, CancellationToken cancellationToken)
    {
        var holdEnds = nowUtc + TimeToPay;
        if (closes < holdEnds)
        {
            throw new CheckoutEndsTooSoonException(closes);
        }

        await db.Bookings
            .Where(b => b.Id == bookingId && b.Status == BookingStatus.PendingPayment && b.CheckoutExpiresAtUtc == closes && b.ExpiresAtUtc > nowUtc && b.ExpiresAtUtc < holdEnds)
            .ExecuteUpdateAsync(b => b.SetProperty(x => x.ExpiresAtUtc, holdEnds), cancellationToken);
    }

    private static string CheckoutKey(Guid bookingId, DateTime expiresAtUtc) =>
        FormattableString.Invariant($"deposit-{bookingId}-{new DateTimeOffset(expiresAtUtc, TimeSpan.Zero).ToUnixTimeMilliseconds()}");

    /// <summary>
    /// The provider says the deposit was paid. Confirms the booking if its seat is still held;
    /// a repeated delivery changes nothing; money that arrives after the hold ended is refunded.
    /// </summary>
    public Task RecordDepositPaidAsync(Guid bookingId, string paymentReference, decimal amount, CancellationToken cancellationToken = default) =>
        // The whole unit again, with fresh contexts, when the database gave it up for another transaction's sake.
        ConflictRetry.RunAsync(async () =>
        {
            await RecordDepositPaidOnceAsync(bookingId, paymentReference, amount, cancellationToken);
            return true;
        }, logger, cancellationToken);

    private async Task RecordDepositPaidOnceAsync(Guid bookingId, string paymentReference, decimal amount, CancellationToken cancellationToken)
    {
        var nowUtc = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var booking = await db.Bookings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
        if (booking is null)
        {
            logger.LogWarning("Payment {Reference} names unknown booking {BookingId}.", paymentReference, bookingId);
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var confirmed = await db.Bookings
            .Where(b => b.Id == bookingId && b.Status == BookingStatus.PendingPayment && b.PaymentReference == null)
            .ExecuteUpdateAsync(b => b
                .SetProperty(x => x.Status, BookingStatus.Confirmed)
                .SetProperty(x => x.ConfirmedAtUtc, nowUtc)
                .SetProperty(x => x.ExpiresAtUtc, (DateTime?)null)
                .SetProperty(x => x.PaymentReference, paymentReference), cancellationToken);
        if (confirmed == 1)
        {
            db.LedgerEntries.Add(LedgerEntry.For(bookingId, booking.Currency, LedgerEntryKind.DepositCharged, amount, nowUtc, $"Paid online ({paymentReference})."));
            await outbox.QueueConfirmationAsync(db, bookingId, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Deposit paid for {Confirmation} ({Reference}).", booking.ConfirmationNumber, paymentReference);
            slotChanges.NotifyChanged(booking.ServiceId);
            bookingChanges.NotifyChanged(bookingId);
            return;
        }

        if (booking.PaymentReference != paymentReference)
        {
            await RecordLatePaymentAsync(db, transaction, booking, paymentReference, amount, nowUtc, cancellationToken);
        }
    }

    /// <summary>
    /// The hold ran out (or the booking was cancelled) before the money arrived: keep the
    /// record straight and owe the money back, in this transaction, so a redelivered webhook
    /// (which finds the payment recorded) changes nothing and the refund is still sent.
    /// </summary>
    private async Task RecordLatePaymentAsync(
        BookingDbContext db, IDbContextTransaction transaction, Domain.Booking booking, string paymentReference, decimal amount, DateTime nowUtc,
        CancellationToken cancellationToken)
    {
        var bookingId = booking.Id;
        var recorded = await db.Bookings
            .Where(b => b.Id == bookingId && b.PaymentReference == null)
            .ExecuteUpdateAsync(b => b.SetProperty(x => x.PaymentReference, paymentReference), cancellationToken);
        if (recorded != 1)
        {
            await RecordSecondPaymentAsync(db, transaction, booking, paymentReference, amount, cancellationToken);
            return;
        }

        db.LedgerEntries.Add(LedgerEntry.For(bookingId, booking.Currency, LedgerEntryKind.DepositCharged, amount, nowUtc, $"Paid online after the hold ended ({paymentReference})."));
        await refunds.QueueOwedAsync(db, bookingId, "Paid when the booking could no longer be confirmed.", cancellationToken);
        // Only this first recording tells the customer: a redelivered webhook finds the payment recorded and changes nothing.
        await latePayments.QueueAsync(db, bookingId, amount, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogWarning("Deposit for {Confirmation} arrived after its hold ended; refunding.", booking.ConfirmationNumber);
        // A page open on the booking turns "cancelled" into "your payment came late and is being refunded".
        bookingChanges.NotifyChanged(bookingId);
        await refundDispatcher.SendNowAsync(bookingId);
    }

    /// <summary>The booking records another payment: this one is the customer's money the clinic never asked for, refunded in full and told by e-mail.</summary>
    private async Task RecordSecondPaymentAsync(
        BookingDbContext db, IDbContextTransaction transaction, Domain.Booking booking, string paymentReference, decimal amount, CancellationToken cancellationToken)
    {
        // Holds the booking's row, so two deliveries of this payment take turns and the second finds the first's refund.
        await db.Bookings.Where(b => b.Id == booking.Id).ExecuteUpdateAsync(b => b.SetProperty(x => x.PaymentReference, x => x.PaymentReference), cancellationToken);
        var current = await db.Bookings.Where(b => b.Id == booking.Id).Select(b => b.PaymentReference).SingleAsync(cancellationToken);
        // The same payment delivered twice at once (the other delivery recorded it), or delivered again after its refund was queued.
        if (current == paymentReference || !await refunds.QueueSecondPaymentAsync(db, booking.Id, booking.Currency, paymentReference, amount, cancellationToken))
        {
            return;
        }

        await latePayments.QueueSecondPaymentAsync(db, booking.Id, paymentReference, amount, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogWarning("Booking {Confirmation} already records payment {Recorded}; payment {Reference} of {Amount} is refunded in full.",
            booking.ConfirmationNumber, current, paymentReference, amount);
        await refundDispatcher.SendNowAsync(booking.Id);
    }
}
