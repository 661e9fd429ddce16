using BookingPortal.Features.Bookings;
using BookingPortal.Features.Catalog;
using BookingPortal.Features.Localization;
using BookingPortal.Features.Notifications;
using BookingPortal.Features.Payments;
using BookingPortal.Features.Audit;

namespace BookingPortal.Features.Cancellation;

/// <summary>
/// Cancels bookings. The status change is a conditional update (only an active booking can be
/// cancelled), so of two racing cancellations exactly one releases the seat and writes the ledger.
/// </summary>
[ScopedService]
public sealed class CancellationService(
    IDbContextFactory<BookingDbContext> dbFactory,
    SlotChangeNotifier slotChanges,
    BookingChangeNotifier bookingChanges,
    RefundQueue refunds,
    RefundDispatcher refundDispatcher,
    SeatReleaser seats,
    FreedTimeOffers freedTime,
    NotificationOutbox outbox,
    AuditLog audit,
    TimeProvider time,
    IStringLocalizer<PortalText> text,
    ILogger<CancellationService> logger)
{
    /// <summary>How many times a booking that moved between the read and the update is read again.</summary>
    private const int MaxReads = 5;

    public async Task<CancellationOffer?> GetOfferAsync(string confirmationNumber, string userId, bool isStaff, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var booking = await FindAsync(db, confirmationNumber, userId, isStaff, cancellationToken);
        if (booking is null)
        {
            return null;
        }

        var nowUtc = time.GetUtcNow().UtcDateTime;
        var quote = CancellationPolicy.Quote(booking, nowUtc);
        var refusal = CancellationPolicy.CheckAllowed(booking, nowUtc, isStaff);
        return new CancellationOffer(quote, Explain(booking, quote), refusal is null, refusal is { } r ? RefusalMessage(r) : null);
    }

    public async Task<CancelResult> CancelAsync(CancelRequest request, CancellationToken cancellationToken = default)
    {
        if (request.WaiveFee && (!request.IsStaff || string.IsNullOrWhiteSpace(request.Reason)))
        {
            return new CancelResult(CancelOutcome.ReasonRequired, null, text["Only staff can waive the fee, and the reason must be recorded."]);
        }

        // The column holds 500 characters; SQLite would keep more, so the limit is the service's to keep.
        if (request.Reason?.Length > 500)
        {
            return new CancelResult(CancelOutcome.ReasonRequired, null, text["Keep the reason to 500 characters."]);
        }

        var (refused, cancelledBooking, appliedQuote, refundQueued) = await CancelInTransactionAsync(request, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var (booking, quote) = (cancelledBooking!, appliedQuote!);
        await freedTime.OfferAsync(booking.PractitionerId, booking.RoomId, booking.StartUtc, booking.EndUtc);

        // Sent at once when the provider answers, outside the transaction and whether or not the
        // caller still waits (SendNowAsync ignores its token); otherwise the refund job sends it.
        var refundNote = refundQueued ? RefundSendingText.Note(text, await refundDispatcher.SendNowAsync(booking.Id)) : "";

        logger.LogInformation("Cancelled {Confirmation}: fee {Fee}, refund {Refund}, by staff {ByStaff}.",
            booking.ConfirmationNumber, quote.FeeRetained, quote.Refund, request.IsStaff);
        slotChanges.NotifyChanged(booking.ServiceId);
        bookingChanges.NotifyChanged(booking.Id);
        return new CancelResult(CancelOutcome.Cancelled, quote, Explain(booking, quote, done: true) + refundNote);
    }

    /// <summary>What one read-and-cancel found: a refusal, the cancelled booking with its quote, or neither (it changed: read again).</summary>
    private sealed record CancelAttempt(CancelResult? Refusal, Domain.Booking? Booking = null, CancellationQuote? Quote = null, bool RefundQueued = false);

    /// <summary>
    /// Reads the booking, then ends it in one transaction conditional on the status and the slot read
    /// (SeatReleaser.EndBookingAsync). A booking moved in another tab, paid or approved between the read
    /// and the transaction is read again and cancelled as it is now; the database giving up on the
    /// transaction for another's sake runs it again (ConflictRetry).
    /// </summary>
    private async Task<CancelAttempt> CancelInTransactionAsync(CancelRequest request, CancellationToken cancellationToken)
    {
        for (var read = 1; ; read++)
        {
            var attempt = await ConflictRetry.RunAsync(dbFactory, db => TryCancelAsync(db, request, cancellationToken), logger, cancellationToken);
            if (attempt.Refusal is not null || attempt.Quote is not null)
            {
                return attempt;
            }

            if (read == MaxReads)
            {
                logger.LogWarning("Booking {Confirmation} changed on every read while cancelling; gave up after {Reads}.", request.ConfirmationNumber, read);
                return new(ChangedMeanwhile());
            }
        }
    }

    private async Task<CancelAttempt> TryCancelAsync(BookingDbContext db, CancelRequest request, CancellationToken cancellationToken)
    {
        var booking = await FindAsync(db, request.ConfirmationNumber, request.UserId, request.IsStaff, cancellationToken);
        if (booking is null)
        {
            return new(new CancelResult(CancelOutcome.NotFound, null, text["We couldn't find that booking."]));
        }

        var nowUtc = time.GetUtcNow().UtcDateTime;
        if (CancellationPolicy.CheckAllowed(booking, nowUtc, request.IsStaff) is { } refusal)
        {
            return new(new CancelResult(refusal == CancellationRefusal.Started ? CancelOutcome.Started : CancelOutcome.AlreadyEnded, null, RefusalMessage(refusal)));
        }

        var quote = CancellationPolicy.Quote(booking, nowUtc, request.WaiveFee);
        if (NotAsShown(request, booking, quote) is { } changed)
        {
            return new(changed);
        }

        var (statusRead, practitionerRead) = (booking.Status, booking.PractitionerId);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // On the very status read, not any seat-holding one (a payment or an approval landing meanwhile changes the fee and
        // the message owed), and the practitioner read (a reassignment meanwhile): that booking is read and quoted again.
        var cancelled = await seats.EndBookingAsync(db, booking.Id, booking.SlotInventoryId, b => b.Status == statusRead && b.PractitionerId == practitionerRead, b => b
            .SetProperty(x => x.Status, BookingStatus.Cancelled)
            .SetProperty(x => x.CancelledAtUtc, nowUtc)
            .SetProperty(x => x.CancelledById, request.UserId)
            .SetProperty(x => x.CancellationReason, request.Reason)
            .SetProperty(x => x.CancellationFeeWaived, quote.FeeWaived), nowUtc, cancellationToken);
        if (!cancelled)
        {
            return new(null);
        }

        var refundQueued = await RecordCancellationAsync(db, booking, quote, nowUtc, request, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(null, booking, quote, refundQueued);
    }

    /// <summary>What a cancellation writes beside the booking, in its transaction: ledger, refund owed, audit, message.</summary>
    /// <returns>True when a refund of money paid online was queued.</returns>
    private async Task<bool> RecordCancellationAsync(
        BookingDbContext db, Domain.Booking booking, CancellationQuote quote, DateTime nowUtc, CancelRequest request, CancellationToken cancellationToken)
    {
        AddLedgerEntries(db, booking, quote, nowUtc, request);
        // What was paid online and is not kept is owed back in this transaction: a refund that
        // fails, times out or dies with the process is still sent by the refund job.
        var refund = await refunds.QueueOwedAsync(db, booking.Id, "Cancelled.", cancellationToken);
        if (request.IsStaff)
        {
            await audit.RecordStaffActionAsync(db, request.UserId, "booking.cancelled_by_staff", booking.ConfirmationNumber,
                $"Fee {quote.FeeRetained}{(quote.FeeWaived ? " (waived)" : "")}; reason: {request.Reason ?? "none given"}.", cancellationToken);
        }

        if (await CustomerTold.OfAsync(db, booking.Id, booking.Status, booking.Service!.RequiresApproval, cancellationToken))
        {
            await outbox.QueueCancellationAsync(db, booking.Id, new CancellationMoney(quote.FeeRetained, quote.Refund), cancellationToken);
        }
        else
        {
            await outbox.QueueUnconfirmedCancellationAsync(db, booking.Id, cancellationToken);
        }

        return refund is not null;
    }

    /// <summary>Not the booking the one cancelling looked at: moved off the slot, or given to a colleague of the practitioner, staff cancel for; or now dearer.</summary>
    private CancelResult? NotAsShown(CancelRequest request, Domain.Booking booking, CancellationQuote quote) =>
        (request.OnlyOnSlotInventoryId is { } onlyOn && booking.SlotInventoryId != onlyOn) || (request.OnlyWithPractitionerId is { } onlyWith && booking.PractitionerId != onlyWith)
            ? ChangedMeanwhile()
        : request.FeeShown is { } shown && quote.FeeRetained > shown
            ? new(CancelOutcome.FeeChanged, quote, text["Cancelling now costs more than when you opened this: the booking is unchanged. Please read the new terms before you confirm."])
        : null;

    /// <summary>It moved (in another tab, say) while being cancelled: the customer looks again rather than the portal guessing.</summary>
    private CancelResult ChangedMeanwhile() =>
        new(CancelOutcome.AlreadyEnded, null, text["This booking changed while we were cancelling it. Please look at it again."]);

    private static void AddLedgerEntries(BookingDbContext db, Domain.Booking booking, CancellationQuote quote, DateTime nowUtc, CancelRequest request)
    {
        void Add(LedgerEntryKind kind, decimal amount, string note)
        {
            if (amount > 0)
            {
                db.LedgerEntries.Add(LedgerEntry.For(booking.Id, booking.Currency, kind, amount, nowUtc, note, request.UserId));
            }
        }

        // What is no longer owed is waived; the refund of anything paid online is queued by RefundQueue
        // and recorded in the ledger when the provider accepts it.
        var waived = quote.FeeWaived ? $"Cancelled; late fee waived by staff: {request.Reason}" : "Cancelled: no longer due.";
        Add(LedgerEntryKind.DepositWaived, quote.Refund, waived);
        Add(LedgerEntryKind.CancellationFeeRetained, quote.FeeRetained, "Cancelled within the fee period.");
    }

    private static async Task<Domain.Booking?> FindAsync(BookingDbContext db, string confirmationNumber, string userId, bool isStaff, CancellationToken cancellationToken)
    {
        var normalized = ConfirmationNumber.Normalize(confirmationNumber);
        return ConfirmationNumber.IsWellFormed(normalized)
            ? await db.Bookings.AsNoTracking().Include(b => b.Service)
                .FirstOrDefaultAsync(b => b.ConfirmationNumber == normalized && (isStaff || b.CustomerId == userId), cancellationToken)
            : null;
    }

    /// <summary>In the customer's language (the circuit's culture); the API gets English.</summary>
    private string Explain(Domain.Booking booking, CancellationQuote quote, bool done = false)
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        var money = (decimal amount) => DisplayFormat.Money(amount, booking.Currency, culture);
        var freeUntil = text.Moment(quote.FreeUntilUtc, booking.Service!.TimeZoneId, culture);
        if (quote.Deposit == 0)
        {
            return done ? text["Booking {0} is cancelled. There was no deposit to refund.", booking.ConfirmationNumber] : text["Cancelling is free: this booking has no deposit."];
        }

        if (quote.FeeWaived)
        {
            return text["Cancelled with the fee waived: the whole deposit of {0} is released.", money(quote.Deposit)];
        }

        if (quote.IsFree)
        {
            return done
                ? text["Booking {0} is cancelled. The deposit of {1} is no longer due or is refunded in full.", booking.ConfirmationNumber, money(quote.Deposit)]
                : text["Cancelling now is free until {0}. The deposit of {1} is released in full.", freeUntil, money(quote.Deposit)];
        }

        return done
            ? text["Booking {0} is cancelled. A fee of {1} is kept; {2} of the deposit is released.", booking.ConfirmationNumber, money(quote.FeeRetained), money(quote.Refund)]
            : text["A fee of {0} applies because the appointment starts in less than {1} hours. {2} of the deposit is released.", money(quote.FeeRetained), booking.FreeCancellationHours, money(quote.Refund)];
    }

    private string RefusalMessage(CancellationRefusal refusal) => refusal switch
    {
        CancellationRefusal.Started => text["This appointment has already started, so it can no longer be cancelled online. Please contact reception."],
        _ => text["This booking is no longer active, so there is nothing to cancel."],
    };
}
