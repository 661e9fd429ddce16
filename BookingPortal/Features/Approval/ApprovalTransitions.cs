using BookingPortal.Features.Audit;
using BookingPortal.Features.Bookings;
using BookingPortal.Features.Notifications;
using BookingPortal.Features.Payments.Ports;
using BookingPortal.Features.Staff;

namespace BookingPortal.Features.Approval;

/// <summary>
/// The only writes that take a booking out of AwaitingApproval. Each reads the request, then makes one
/// conditional update on the status and the slot it read, in one transaction with its ledger, audit
/// and outbox rows: of an approval, a decline, the lapse, a cancellation and a move racing on one
/// booking, each either happens whole or changes nothing. A request that moved between the read and
/// the update is read again; a transaction the database gave up for another's sake runs again.
/// </summary>
[ScopedService]
public sealed class ApprovalTransitions(
    IDbContextFactory<BookingDbContext> dbFactory, SeatReleaser seats, FreedTimeOffers freedTime, ApprovalMessages messages, AuditLog audit,
    IPaymentGateway gateway, ILogger<ApprovalTransitions> logger)
{
    /// <summary>How long an approved customer has to pay online: a hosted checkout lives at most 24 hours at the card provider.</summary>
    public static readonly TimeSpan DepositPaymentTime = TimeSpan.FromHours(23);

    private const int MaxReads = 5;

    /// <returns>Approved (or approved awaiting the deposit), or why not.</returns>
    public Task<ApprovalOutcome> ApproveAsync(StaffActor actor, Guid bookingId, DateTime nowUtc, CancellationToken cancellationToken) =>
        ReadAgainWhileMovedAsync(db => TryApproveAsync(db, actor, bookingId, nowUtc, cancellationToken), ApprovalOutcome.NotAwaiting, bookingId, cancellationToken);

    /// <summary>
    /// Ends the request; its practitioner is then free for their other services' seats kept from people waiting, offered
    /// after the commit (<see cref="FreedTimeOffers"/>).
    /// </summary>
    /// <returns>True when this call ended the request and released its seat.</returns>
    internal async Task<bool> EndAsync(Guid bookingId, EndOfRequest end, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var ended = await ReadAgainWhileMovedAsync(db => TryEndAsync(db, bookingId, end, nowUtc, cancellationToken), new EndedRequest(null), bookingId, cancellationToken);
        if (ended.Request is not { } request)
        {
            return false;
        }

        await freedTime.OfferAsync(request.PractitionerId, request.RoomId, request.StartUtc, request.EndUtc);
        return true;
    }

    private async Task<T> ReadAgainWhileMovedAsync<T>(Func<BookingDbContext, Task<T?>> attempt, T gaveUp, Guid bookingId, CancellationToken cancellationToken)
        where T : struct
    {
        for (var read = 1; read <= MaxReads; read++)
        {
            if (await ConflictRetry.RunAsync(dbFactory, attempt, logger, cancellationToken) is { } done)
            {
                return done;
            }
        }

        logger.LogWarning("Request {BookingId} changed on every read; left as it is.", bookingId);
        return gaveUp;
    }

    /// <returns>Null when it moved or changed between the read and the update (read again).</returns>
    private async Task<ApprovalOutcome?> TryApproveAsync(BookingDbContext db, StaffActor actor, Guid bookingId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var request = await ReadAsync(db, bookingId, cancellationToken);
        if (request is null)
        {
            return ApprovalOutcome.NotAwaiting;
        }

        if (request.ExpiresAtUtc <= nowUtc || request.StartUtc <= nowUtc)
        {
            return ApprovalOutcome.TooLate;
        }

        // Nothing is taken before approval: now the deposit is asked for the way any booking's is.
        var payOnline = gateway.TakesPaymentOnline && request.DepositAmount > 0;
        var status = payOnline ? BookingStatus.PendingPayment : BookingStatus.Confirmed;
        DateTime? confirmedAt = payOnline ? null : nowUtc;
        DateTime? payBy = payOnline ? Earlier(nowUtc + DepositPaymentTime, request.StartUtc) : null;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var approved = await db.Bookings
            .Where(b => b.Id == bookingId && b.Status == BookingStatus.AwaitingApproval && b.SlotInventoryId == request.SlotInventoryId && b.ExpiresAtUtc > nowUtc)
            .ExecuteUpdateAsync(b => b
                .SetProperty(x => x.Status, status)
                .SetProperty(x => x.ConfirmedAtUtc, confirmedAt)
                .SetProperty(x => x.ExpiresAtUtc, payBy), cancellationToken);
        if (approved != 1)
        {
            return null;
        }

        audit.Record(db, actor, "booking.approved", request.ConfirmationNumber, payOnline ? $"Deposit to be paid online by {payBy:yyyy-MM-dd HH:mm} UTC." : "");
        await messages.QueueApprovedAsync(db, bookingId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return payOnline ? ApprovalOutcome.ApprovedAwaitingDeposit : ApprovalOutcome.Approved;
    }

    /// <returns>The request ended; none when not awaiting (or, for the lapse, not yet due); null when it moved meanwhile (read again).</returns>
    private async Task<EndedRequest?> TryEndAsync(BookingDbContext db, Guid bookingId, EndOfRequest end, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var request = await ReadAsync(db, bookingId, cancellationToken);
        if (request is null || (end.OnlyWhenDue && request.ExpiresAtUtc > nowUtc && request.StartUtc > nowUtc))
        {
            return new EndedRequest(null);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The seat goes where every freed seat goes: to the first person waiting, else back on sale.
        if (!await seats.EndBookingAsync(db, bookingId, request.SlotInventoryId, b => b.Status == BookingStatus.AwaitingApproval, b => b
                .SetProperty(x => x.Status, BookingStatus.Cancelled)
                .SetProperty(x => x.CancelledAtUtc, nowUtc)
                .SetProperty(x => x.CancelledById, end.ById)
                .SetProperty(x => x.CancellationReason, end.Reason)
                .SetProperty(x => x.DeclinedAtUtc, nowUtc), nowUtc, cancellationToken))
        {
            return null;
        }

        // Nothing was charged before approval, so nothing is refunded: what was due is simply no longer due.
        var owed = LedgerSummary.Of(await db.LedgerEntries.Where(e => e.BookingId == bookingId).ToListAsync(cancellationToken)).Owed;
        if (owed > 0)
        {
            db.LedgerEntries.Add(LedgerEntry.For(bookingId, request.Currency, LedgerEntryKind.DepositWaived, owed, nowUtc, "Request not approved: no longer due."));
        }

        audit.Record(db, new StaffActor(end.ById, end.ByName, IsStaff: true, IsAdmin: false), end.AuditAction, request.ConfirmationNumber, end.Reason);
        await messages.QueueDeclinedAsync(db, bookingId, end.Reason, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new EndedRequest(request);
    }

    private static Task<PendingRequest?> ReadAsync(BookingDbContext db, Guid bookingId, CancellationToken cancellationToken) =>
        db.Bookings.AsNoTracking()
            .Where(b => b.Id == bookingId && b.Status == BookingStatus.AwaitingApproval)
            .Select(b => new PendingRequest(b.ConfirmationNumber, b.SlotInventoryId, b.StartUtc, b.ExpiresAtUtc, b.DepositAmount, b.Currency)
            {
                PractitionerId = b.PractitionerId,
                RoomId = b.RoomId,
                EndUtc = b.EndUtc,
            })
            .FirstOrDefaultAsync(cancellationToken);

    private static DateTime Earlier(DateTime a, DateTime b) => a < b ? a : b;
}
