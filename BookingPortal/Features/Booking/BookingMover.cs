using BookingPortal.Features.Bookings;
using BookingPortal.Features.Audit;
using BookingPortal.Features.Catalog;
using BookingPortal.Features.Notifications;
using BookingPortal.Features.Queue;

namespace BookingPortal.Features.Booking;

/// <summary>
/// Moves a booking to another slot of its service. The new seat is taken before the old one
/// is released, in one transaction: if the new slot is full, or the booking was cancelled
/// meanwhile, nothing changes.
/// </summary>
// Stateless and on a waiting customer's page: a singleton, so no waiting circuit holds its own (ServiceLifetimeTests).
[SingletonService]
public sealed class BookingMover(
    IDbContextFactory<BookingDbContext> dbFactory,
    CatalogService catalog,
    SlotInventoryStore inventory,
    BookingReader reader,
    SlotChangeNotifier slotChanges,
    BookingChangeNotifier bookingChanges,
    SeatReleaser seats,
    FreedTimeOffers freedTime,
    NotificationOutbox outbox,
    AuditLog audit,
    TimeProvider time,
    ILogger<BookingMover> logger)
{
    /// <summary>How many times a booking that changed between the read and the update is read again.</summary>
    private const int MaxReads = 5;

    /// <summary>
    /// A booking moved in another tab between the read and the transaction is read again, and the
    /// move applies to where it is now.
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
        var current = await reader.GetAsync(request.ConfirmationNumber, request.UserId, request.IsStaff, cancellationToken);
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

        var (slot, notMovable) = await TargetSlotAsync(request, current, service, nowUtc, cancellationToken);
        if (slot is null)
        {
            return ReserveResult.Failure(notMovable!.Value, service);
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
        await freedTime.OfferAsync(current.PractitionerId, current.RoomId, current.StartUtc, current.EndUtc);
        slotChanges.NotifyChanged(service.Id);
        bookingChanges.NotifyChanged(current.Id);
        return ReserveResult.Success((await reader.GetAsync(current.ConfirmationNumber, request.UserId, request.IsStaff, cancellationToken))!);
    }

    /// <summary>The slot the booking is to move to, or the rule that refuses the move before any transaction.</summary>
    private async Task<(SlotOccurrence? Slot, BookingError? Refusal)> TargetSlotAsync(
        RescheduleRequest request, BookingView current, Service service, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (MoveRefusal(request, current, nowUtc) is { } tooLate)
        {
            return (null, tooLate);
        }

        var slot = SlotSchedule.Find(service, DateTime.SpecifyKind(request.NewSlotStartUtc, DateTimeKind.Utc));
        if (slot is null)
        {
            return (null, BookingError.SlotNotFound);
        }

        if (slot.StartUtc == current.StartUtc)
        {
            return (null, BookingError.SameSlot);
        }

        // Outside the window anyway: no need to read the release.
        var soldDates = BookingRules.CheckWindow(service, slot.StartUtc, nowUtc) is null
            ? await catalog.SlotDatesAsync(service.Id, cancellationToken)
            : SlotDateRange.Unlimited;
        return BookingRules.SaleRefusal(service, slot, nowUtc, soldDates) is { } notForSale ? (null, notForSale) : (slot, null);
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
        var refused = await MoveRefusalInsideTransactionAsync(db, request, current, service, nowUtc, cancellationToken)
            ?? (await BookingWrites.HoldsAnotherSeatAsync(db, service, current.CustomerId, current.Id, newInventoryId, cancellationToken) ? BookingError.SeatAlreadyHeld : null);
        var (practitionerFree, assignment) = refused is not null ? (false, null)
            : await PractitionerSeats.AssignOneAsync(db, service, current.Id, request.PractitionerId ?? current.PractitionerId, slot.StartUtc, slot.EndUtc, cancellationToken);
        if (refused is not null || !practitionerFree)
        {
            return (SeatMove.Refused, refused ?? BookingError.PractitionerUnavailable);
        }

        if (!await TakeNewSeatAsync(db, oldId, newInventoryId, cancellationToken))
        {
            return (SeatMove.Refused, BookingError.SlotFull);
        }

        if (!await BookingMoveWrite.MoveAsync(db, current, oldId, newInventoryId, slot, assignment, nowUtc, cancellationToken))
        {
            return (SeatMove.ChangedMeanwhile, null); // cancelled, expired, moved or reassigned: the transaction rolls back and the caller reads again
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

    /// <summary>Takes a seat of the new counter with both counters locked in the order of their ids; false when the new slot is full.</summary>
    private static async Task<bool> TakeNewSeatAsync(BookingDbContext db, long oldId, long newInventoryId, CancellationToken cancellationToken)
    {
        if (oldId < newInventoryId)
        {
            await SlotInventoryStore.LockAsync(db, oldId, cancellationToken);
        }

        if (await SlotInventoryStore.TakeSeatsAsync(db, newInventoryId, 1, cancellationToken) != 1)
        {
            return false;
        }

        if (oldId > newInventoryId)
        {
            // Both counters before the booking's row, as a cancellation takes them: else a cancel
            // holding the old counter and a move holding the booking would wait on each other.
            await SlotInventoryStore.LockAsync(db, oldId, cancellationToken);
        }

        return true;
    }

    private enum SeatMove
    {
        Moved,
        Refused,
        ChangedMeanwhile,
    }

    /// <summary>The move rules that need no database: the customer's change cutoff (staff acting for the customer may move later).</summary>
    private static BookingError? MoveRefusal(RescheduleRequest request, BookingView current, DateTime nowUtc) =>
        MoveRules.CheckCutoff(current.ChangesAllowedUntilHours, current.StartUtc, nowUtc, MoveRules.ActsForCustomer(request.IsStaff, request.UserId, current.CustomerId));

    /// <summary>
    /// The move rules that must see committed state, in the move's transaction: a move is a booking,
    /// so a customer on the no-show limit cannot move online, and a service sold through a waiting
    /// room takes an admitted turn, used up by the move (rolled back with it if the move fails).
    /// Staff acting for the customer skip both, as their bookings at the desk do (but take the customer's row). Called before any
    /// slot counter is locked, like the customer's rows in a booking.
    /// </summary>
    private static async Task<BookingError?> MoveRefusalInsideTransactionAsync(
        BookingDbContext db, RescheduleRequest request, BookingView current, Service service, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (MoveRules.ActsForCustomer(request.IsStaff, request.UserId, current.CustomerId))
        {
            // Staff take the customer's row too: two moves for one customer into one slot are then decided one after the other.
            return await Roles.IsStaffAsync(db, request.UserId, cancellationToken) && await BookingWrites.EnterCustomerGateAsync(db, current.CustomerId, cancellationToken)
                ? null
                : BookingError.InvalidRequest;
        }

        // The customer's own row first, as every booking of theirs takes it: a batch that used only some of its
        // turns reads back which it completed, and that is exact only while no move of theirs completes one.
        if (!await BookingWrites.EnterCustomerGateAsync(db, current.CustomerId, cancellationToken))
        {
            return BookingError.InvalidRequest;
        }

        if (await BookingWrites.NeedsStaffHelpAsync(db, current.CustomerId, cancellationToken))
        {
            return BookingError.NeedsStaffHelp;
        }

        return await ReleaseGate.ConsumeAdmissionAsync(db, service.Id, current.CustomerId, nowUtc, cancellationToken);
    }
}
