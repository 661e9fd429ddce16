using BookingPortal.Data;
using BookingPortal.Domain;
using BookingPortal.Features.Admin;
using BookingPortal.Features.Cancellation;
using BookingPortal.Features.Catalog;
using BookingPortal.Features.Notifications;
using BookingPortal.Features.Payments;
using BookingPortal.Features.Queue;
using Microsoft.EntityFrameworkCore;

namespace BookingPortal.Features.Booking;

/// <summary>
/// Reserves seats. The invariants live in the database: a seat is taken by one conditional
/// UPDATE (Booked &lt; Capacity) in the same transaction as the booking insert, so no interleaving
/// of requests, threads or app instances can overbook a slot.
/// </summary>
public sealed class BookingService(
    IDbContextFactory<BookingDbContext> dbFactory,
    CatalogService catalog,
    SlotInventoryStore inventory,
    ReservationBatcher batcher,
    SlotChangeNotifier slotChanges,
    PaymentHolds paymentHolds,
    SeatReleaser seats,
    NotificationOutbox outbox,
    AuditLog audit,
    TimeProvider time,
    ILogger<BookingService> logger)
{
    private const int MaxConfirmationNumberAttempts = 3;

    /// <summary>How many times a booking that changed between the read and the update is read again.</summary>
    private const int MaxReads = 5;

    public async Task<ReserveResult> ReserveAsync(ReserveRequest request, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(request.CustomerId) || string.IsNullOrWhiteSpace(request.IdempotencyKey) || request.IdempotencyKey.Length > 100)
        {
            return ReserveResult.Failure(BookingError.InvalidRequest, null);
        }

        // Staff booking at the desk are few and check the staff member too: they take the path of one.
        return request.ActingStaffId is null
            ? await batcher.ReserveAsync(request, cancellationToken)
            : await ReserveOneAsync(request, cancellationToken);
    }

    /// <summary>
    /// One reservation in a transaction of its own: for staff at the desk, and for each request of a
    /// batch that could not be written together (<see cref="ReservationBatcher"/>).
    /// </summary>
    internal async Task<ReserveResult> ReserveOneAsync(ReserveRequest request, CancellationToken cancellationToken)
    {
        var service = await catalog.GetServiceAsync(request.ServiceId, cancellationToken);
        if (service is null)
        {
            return ReserveResult.Failure(BookingError.ServiceNotFound, null);
        }

        var previous = await FindByIdempotencyKeyAsync(request, cancellationToken);
        if (previous is not null)
        {
            return ReserveResult.Success(previous);
        }

        var slotStartUtc = DateTime.SpecifyKind(request.SlotStartUtc, DateTimeKind.Utc);
        var slot = SlotSchedule.Find(service, slotStartUtc);
        if (slot is null)
        {
            return ReserveResult.Failure(BookingError.SlotNotFound, service);
        }

        var nowUtc = time.GetUtcNow().UtcDateTime;
        if (await SaleRefusalAsync(service, slot, nowUtc, cancellationToken) is { } notForSale)
        {
            return ReserveResult.Failure(notForSale, service);
        }

        var (inventoryId, hadFreeSeat) = await inventory.EnsureCounterAsync(service.Id, slot, cancellationToken);
        if (!hadFreeSeat)
        {
            // A double click on the last seat: the first click's booking may have taken it since the look-up above.
            return await FindByIdempotencyKeyAsync(request, cancellationToken) is { } sameRequest
                ? ReserveResult.Success(sameRequest)
                : ReserveResult.Failure(BookingError.SlotFull, service);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ConflictRetry.RunAsync(() => ReserveSeatAsync(request, service, slot, inventoryId, nowUtc, cancellationToken), logger, cancellationToken);
            }
            catch (DbUpdateException ex) when (attempt < MaxConfirmationNumberAttempts)
            {
                // Only a unique index can fail here: the same request made twice at once (the
                // other one's booking answers it) or a confirmation number collision (try another).
                if (await FindByIdempotencyKeyAsync(request, cancellationToken) is { } sameRequest)
                {
                    return ReserveResult.Success(sameRequest);
                }

                logger.LogWarning(ex, "Booking insert collided on a unique index; retrying (attempt {Attempt}).", attempt);
            }
        }
    }

    /// <summary>The rules that must see the customer's committed state: call inside the customer gate.</summary>
    private static async Task<BookingError?> RefusalInsideGateAsync(
        BookingDbContext db, ReserveRequest request, Service service, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (request.ActingStaffId is { } staffId && !await BookingWrites.IsStaffAsync(db, staffId, cancellationToken))
        {
            return BookingError.InvalidRequest;
        }

        if (request.ActingStaffId is null && await BookingWrites.NeedsStaffHelpAsync(db, request.CustomerId, cancellationToken))
        {
            return BookingError.NeedsStaffHelp;
        }

        if (await BookingWrites.HasReachedLimitAsync(db, service, request.CustomerId, nowUtc, cancellationToken))
        {
            return BookingError.LimitReached;
        }

        // Staff booking at the desk skip the online waiting room; everyone else needs their turn.
        return request.ActingStaffId is null ? await ReleaseGate.ConsumeAdmissionAsync(db, service.Id, request.CustomerId, nowUtc, cancellationToken) : null;
    }

    /// <summary>Whether a slot may be sold now: inside the booking window and among the dates the service's release sells.</summary>
    private async Task<BookingError?> SaleRefusalAsync(Service service, SlotOccurrence slot, DateTime nowUtc, CancellationToken cancellationToken) =>
        SaleRefusal(service, slot, nowUtc, BookingRules.CheckWindow(service, slot.StartUtc, nowUtc) is null
            ? await catalog.SlotDatesAsync(service.Id, cancellationToken)
            : SlotDateRange.Unlimited); // outside the window anyway: no need to read the release

    internal static BookingError? SaleRefusal(Service service, SlotOccurrence slot, DateTime nowUtc, SlotDateRange soldDates) =>
        BookingRules.CheckWindow(service, slot.StartUtc, nowUtc) ?? (!soldDates.Contains(slot) ? BookingError.OutsideRelease : null);

    /// <summary>
    /// Everything that takes time (the messages, rendered with the calendar file) is composed before
    /// the transaction opens; inside it, the checks that must see committed state run first, and the
    /// slot's row is locked by the seat update only for the insert and the commit that follow it.
    /// </summary>
    private async Task<ReserveResult> ReserveSeatAsync(
        ReserveRequest request, Service service, SlotOccurrence slot, long inventoryId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var booking = BookingWrites.NewBooking(
            service, request.CustomerId, inventoryId, slot.StartUtc, slot.EndUtc, request.IdempotencyKey, nowUtc, paymentHolds.HoldUntil(nowUtc));
        var messages = await outbox.ComposeForNewBookingAsync(db, booking, service, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await BookingWrites.EnterCustomerGateAsync(db, request.CustomerId, cancellationToken))
        {
            return ReserveResult.Failure(BookingError.InvalidRequest, service);
        }

        var refusal = await RefusalInsideGateAsync(db, request, service, nowUtc, cancellationToken);
        if (refusal is null)
        {
            refusal = await SlotInventoryStore.TakeSeatsAsync(db, inventoryId, 1, cancellationToken) == 1 ? null : BookingError.SlotFull;
        }

        if (refusal is { } error)
        {
            // The same request sent twice at once: the other one booked while this one waited at the
            // customer's gate (and used the turn, the limit or the seat). It is the answer to both.
            return await FindByIdempotencyKeyAsync(db, request, cancellationToken) is { } sameRequest
                ? ReserveResult.Success(sameRequest)
                : ReserveResult.Failure(error, service);
        }

        // One round of inserts (the booking, its deposit, its messages); a repeated request or a
        // confirmation number already taken fails here on a unique index and rolls the seat back.
        BookingWrites.Add(db, booking);
        db.OutboxMessages.AddRange(messages);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        slotChanges.NotifyChanged(service.Id);

        logger.LogInformation("Booked {Confirmation} for service {ServiceId} at {StartUtc:o}.", booking.ConfirmationNumber, service.Id, slot.StartUtc);
        return ReserveResult.Success(ToView(booking, service));
    }

    /// <summary>
    /// Moves a booking to another slot of its service. The new seat is taken before the old one
    /// is released, in one transaction: if the new slot is full, or the booking was cancelled
    /// meanwhile, nothing changes. A booking moved in another tab between the read and the
    /// transaction is read again, and the move applies to where it is now.
    /// </summary>
    public async Task<ReserveResult> RescheduleAsync(RescheduleRequest request, CancellationToken cancellationToken = default)
    {
        for (var read = 1; ; read++)
        {
            if (await TryRescheduleAsync(request, cancellationToken) is { } result)
            {
                return result;
            }

            if (read == MaxReads)
            {
                logger.LogWarning("Booking {Confirmation} changed on every read while moving; gave up after {Reads}.", request.ConfirmationNumber, read);
                return ReserveResult.Failure(BookingError.BookingNotActive, null);
            }
        }
    }

    /// <returns>The result, or null when the booking changed between the read and the update (read it again).</returns>
    private async Task<ReserveResult?> TryRescheduleAsync(RescheduleRequest request, CancellationToken cancellationToken)
    {
        var current = await GetAsync(request.ConfirmationNumber, request.UserId, request.IsStaff, cancellationToken);
        if (current is null)
        {
            return ReserveResult.Failure(BookingError.BookingNotFound, null);
        }

        var service = await catalog.GetServiceAsync(current.ServiceId, cancellationToken);
        var nowUtc = time.GetUtcNow().UtcDateTime;
        if (service is null || !current.IsUpcomingAt(nowUtc))
        {
            return ReserveResult.Failure(BookingError.BookingNotActive, service);
        }

        if (MoveRefusal(request, current, service, nowUtc) is { } tooLate)
        {
            return ReserveResult.Failure(tooLate, service);
        }

        var slot = SlotSchedule.Find(service, DateTime.SpecifyKind(request.NewSlotStartUtc, DateTimeKind.Utc));
        if (slot is null)
        {
            return ReserveResult.Failure(BookingError.SlotNotFound, service);
        }

        if (slot.StartUtc == current.StartUtc)
        {
            return ReserveResult.Failure(BookingError.SameSlot, service);
        }

        if (await SaleRefusalAsync(service, slot, nowUtc, cancellationToken) is { } notForSale)
        {
            return ReserveResult.Failure(notForSale, service);
        }

        var newInventoryId = await inventory.EnsureAsync(service.Id, slot, cancellationToken);
        var (moved, refusal) = await ConflictRetry.RunAsync(
            dbFactory, db => MoveSeatAsync(db, request, current, service, slot, newInventoryId, nowUtc, cancellationToken), logger, cancellationToken);
        switch (moved)
        {
            case SeatMove.Refused:
                return ReserveResult.Failure(refusal!.Value, service);
            case SeatMove.ChangedMeanwhile:
                return null;
        }

        logger.LogInformation("Moved {Confirmation} from {OldStart:o} to {NewStart:o}.", current.ConfirmationNumber, current.StartUtc, slot.StartUtc);
        slotChanges.NotifyChanged(service.Id);
        return ReserveResult.Success((await GetAsync(current.ConfirmationNumber, request.UserId, request.IsStaff, cancellationToken))!);
    }

    /// <summary>
    /// Takes the new seat, moves the booking and releases the old seat in one transaction, the
    /// counters locked in the order of their ids (as everywhere two are held, a batch of
    /// reservations too, so no two transactions wait on each other), the booking moved only while
    /// it is still active on the slot read.
    /// </summary>
    private async Task<(SeatMove Outcome, BookingError? Refusal)> MoveSeatAsync(
        BookingDbContext db, RescheduleRequest request, BookingView current, Service service, SlotOccurrence slot, long newInventoryId, DateTime nowUtc,
        CancellationToken cancellationToken)
    {
        var oldInventoryId = await db.Bookings.Where(b => b.Id == current.Id && b.StartUtc == current.StartUtc).Select(b => (long?)b.SlotInventoryId)
            .SingleOrDefaultAsync(cancellationToken);
        if (oldInventoryId is not { } oldId)
        {
            return (SeatMove.ChangedMeanwhile, null);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await MoveRefusalInsideTransactionAsync(db, request, current, service, nowUtc, cancellationToken) is { } refused)
        {
            return (SeatMove.Refused, refused);
        }

        if (oldId < newInventoryId)
        {
            await SlotInventoryStore.LockAsync(db, oldId, cancellationToken);
        }

        if (await SlotInventoryStore.TakeSeatsAsync(db, newInventoryId, 1, cancellationToken) != 1)
        {
            return (SeatMove.Refused, BookingError.SlotFull);
        }

        if (oldId > newInventoryId)
        {
            // Both counters before the booking's row, as a cancellation takes them: else a cancel
            // holding the old counter and a move holding the booking would wait on each other.
            await SlotInventoryStore.LockAsync(db, oldId, cancellationToken);
        }

        var moved = await db.Bookings
            .Where(b => b.Id == current.Id && b.SlotInventoryId == oldId).Where(Domain.Booking.HoldsSeat)
            .ExecuteUpdateAsync(b => b
                .SetProperty(x => x.SlotInventoryId, newInventoryId)
                .SetProperty(x => x.StartUtc, slot.StartUtc)
                .SetProperty(x => x.EndUtc, slot.EndUtc)
                .SetProperty(x => x.Reminder24hQueuedAtUtc, (DateTime?)null)
                .SetProperty(x => x.Reminder1hQueuedAtUtc, (DateTime?)null), cancellationToken);
        if (moved != 1)
        {
            return (SeatMove.ChangedMeanwhile, null); // cancelled, expired or moved: the transaction rolls back and the caller reads again
        }

        await seats.ReleaseAsync(db, oldId, nowUtc, cancellationToken);
        await outbox.QueueRescheduledAsync(db, current.Id, current.StartUtc, cancellationToken);
        if (request.IsStaff && current.CustomerId != request.UserId)
        {
            await audit.RecordStaffActionAsync(db, request.UserId, "booking.moved_by_staff", current.ConfirmationNumber,
                $"From {current.StartUtc:yyyy-MM-dd HH:mm} to {slot.StartUtc:yyyy-MM-dd HH:mm} UTC.", cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (SeatMove.Moved, null);
    }

    private enum SeatMove
    {
        Moved,
        Refused,
        ChangedMeanwhile,
    }

    /// <summary>The move rules that need no database: the customer's change cutoff (staff acting for the customer may move later).</summary>
    private static BookingError? MoveRefusal(RescheduleRequest request, BookingView current, Service service, DateTime nowUtc) =>
        MoveRules.CheckCutoff(service, current.StartUtc, nowUtc, MoveRules.ActsForCustomer(request.IsStaff, request.UserId, current.CustomerId));

    /// <summary>
    /// The move rules that must see committed state, in the move's transaction: a move is a booking,
    /// so a customer on the no-show limit cannot move online, and a service sold through a waiting
    /// room takes an admitted turn, used up by the move (rolled back with it if the move fails).
    /// Staff acting for the customer skip both, as their bookings at the desk do. Called before any
    /// slot counter is locked, like the customer's rows in a booking.
    /// </summary>
    private static async Task<BookingError?> MoveRefusalInsideTransactionAsync(
        BookingDbContext db, RescheduleRequest request, BookingView current, Service service, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (MoveRules.ActsForCustomer(request.IsStaff, request.UserId, current.CustomerId))
        {
            return await BookingWrites.IsStaffAsync(db, request.UserId, cancellationToken) ? null : BookingError.InvalidRequest;
        }

        if (await BookingWrites.NeedsStaffHelpAsync(db, current.CustomerId, cancellationToken))
        {
            return BookingError.NeedsStaffHelp;
        }

        return await ReleaseGate.ConsumeAdmissionAsync(db, service.Id, current.CustomerId, nowUtc, cancellationToken);
    }

    /// <summary>The booking with that confirmation number, if the caller owns it or is staff; otherwise null (never "forbidden", so ids are not probed).</summary>
    public async Task<BookingView?> GetAsync(string confirmationNumber, string userId, bool isStaff, CancellationToken cancellationToken = default)
    {
        var normalized = ConfirmationNumber.Normalize(confirmationNumber);
        if (!ConfirmationNumber.IsWellFormed(normalized))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await GetViewAsync(db, b => b.ConfirmationNumber == normalized && (isStaff || b.CustomerId == userId), cancellationToken);
    }

    public async Task<IReadOnlyList<BookingView>> ListForCustomerAsync(string customerId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var bookings = await db.Bookings.AsNoTracking()
            .Include(b => b.Service)
            .Where(b => b.CustomerId == customerId)
            .OrderBy(b => b.StartUtc)
            .ToListAsync(cancellationToken);
        var ids = bookings.Select(b => b.Id).ToList();
        var ledgers = (await db.LedgerEntries.AsNoTracking().Where(e => ids.Contains(e.BookingId)).ToListAsync(cancellationToken))
            .ToLookup(e => e.BookingId);
        return bookings.Select(b => ToView(b) with { Ledger = LedgerSummary.Of(ledgers[b.Id]) }).ToList();
    }

    private async Task<BookingView?> FindByIdempotencyKeyAsync(ReserveRequest request, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await FindByIdempotencyKeyAsync(db, request, cancellationToken);
    }

    /// <summary>
    /// The booking this same request already made, if any. Looked up by id first: nearly every
    /// look-up finds nothing (losers of a race ask too), and the full view is read only when there is one.
    /// </summary>
    internal static async Task<BookingView?> FindByIdempotencyKeyAsync(BookingDbContext db, ReserveRequest request, CancellationToken cancellationToken)
    {
        var id = await db.Bookings.AsNoTracking()
            .Where(b => b.CustomerId == request.CustomerId && b.IdempotencyKey == request.IdempotencyKey)
            .Select(b => (Guid?)b.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return id is { } found ? await GetViewAsync(db, b => b.Id == found, cancellationToken) : null;
    }

    private static async Task<BookingView?> GetViewAsync(
        BookingDbContext db, System.Linq.Expressions.Expression<Func<Domain.Booking, bool>> filter, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.AsNoTracking().Include(b => b.Service).FirstOrDefaultAsync(filter, cancellationToken);
        if (booking is null)
        {
            return null;
        }

        var ledger = await db.LedgerEntries.AsNoTracking().Where(e => e.BookingId == booking.Id).ToListAsync(cancellationToken);
        return ToView(booking) with { Ledger = LedgerSummary.Of(ledger) };
    }

    internal static BookingView ToView(Domain.Booking booking) =>
        ToView(booking, booking.Service ?? throw new InvalidOperationException("The booking's service must be loaded."));

    internal static BookingView ToView(Domain.Booking booking, Service service)
    {
        var zone = service.TimeZone;
        return new BookingView(
            booking.Id,
            booking.ConfirmationNumber,
            booking.CustomerId,
            booking.ServiceId,
            service.Name,
            booking.Status,
            booking.StartUtc,
            booking.EndUtc,
            TimeZoneInfo.ConvertTime(new DateTimeOffset(booking.StartUtc), zone),
            TimeZoneInfo.ConvertTime(new DateTimeOffset(booking.EndUtc), zone),
            service.TimeZoneId,
            service.DurationMinutes,
            service.LocationKind,
            service.Address,
            service.VideoLink,
            booking.Price,
            booking.DepositAmount,
            booking.Currency,
            booking.CreatedAtUtc)
        {
            PaymentHoldExpiresAtUtc = booking.Status == BookingStatus.PendingPayment ? booking.ExpiresAtUtc : null,
            ChangesAllowedUntilHours = service.ChangesAllowedUntilHours,
        };
    }
}
