using BookingPortal.Features.Bookings;
using BookingPortal.Features.Catalog;
using BookingPortal.Features.Localization;
using BookingPortal.Features.Notifications;
using BookingPortal.Features.Payments;
using BookingPortal.Features.VideoRooms;
using Microsoft.EntityFrameworkCore.Storage;

namespace BookingPortal.Features.Cancellation;

/// <summary>
/// Customers waiting for a full date or slot. Offers are made by SeatReleaser when a seat frees
/// up; this service lets customers claim and leave (WaitlistJoining lets them join), and passes on offers nobody claimed.
/// Every state change is a conditional update, so a claim and an expiry racing for one offer
/// cannot both win. Each public unit runs again, with fresh contexts, when the database gave it up
/// for another transaction's sake (ConflictRetry).
/// </summary>
[ScopedService]
public sealed class WaitlistService(
    IDbContextFactory<BookingDbContext> dbFactory, CatalogService catalog, SlotChangeNotifier slotChanges, PaymentHolds paymentHolds,
    SeatReleaser seats, FreedTimeOffers freedTime, NotificationOutbox outbox, AccountRules accountRules, VideoRoomLinks videoRooms,
    TimeProvider time, IStringLocalizer<PortalText> text, ILogger<WaitlistService> logger)
{
    /// <summary>
    /// Books the held seat while the offer lasts. One they can never take (theirs at that time already) passes on at once;
    /// so does one nobody can give them (no practitioner free then), and they wait again, keeping their place.
    /// </summary>
    public async Task<ReserveResult> ClaimAsync(long entryId, string customerId, CancellationToken cancellationToken = default)
    {
        var result = await ConflictRetry.RunAsync(() => ClaimOnceAsync(entryId, customerId, cancellationToken), logger, cancellationToken);
        return result.Error switch
        {
            BookingError.SeatAlreadyHeld when await LeaveAsync(entryId, customerId, cancellationToken) =>
                result with { Message = $"{result.Message} {text["The seat held for you passes to the next person waiting."]}" },
            BookingError.PractitionerUnavailable when await WaitAgainAsync(entryId, customerId, cancellationToken) =>
                result with { Message = $"{result.Message} {text["The seat held for you has been passed on; you stay on the waiting list and will hear when a seat someone can give frees up."]}" },
            _ => result,
        };
    }

    /// <summary>
    /// Ends an offer whose claim nobody could give (the practitioners taken or away then), so it blocks nobody until it
    /// expires: its seat goes on by the rule of every freed seat (SeatReleaser: to the next waiting only if someone can
    /// give it, else back on sale), and the customer waits again as before.
    /// </summary>
    private Task<bool> WaitAgainAsync(long entryId, string customerId, CancellationToken cancellationToken) =>
        ConflictRetry.RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var entry = await db.WaitlistEntries.AsNoTracking()
                .FirstOrDefaultAsync(e => e.Id == entryId && e.CustomerId == customerId && e.Status == WaitlistStatus.Offered, cancellationToken);
            return entry?.OfferedSlotInventoryId is { } held
                   && await EndAsync(db, entry, WaitlistStatus.Waiting, e => e.Status == WaitlistStatus.Offered && e.OfferedSlotInventoryId == held, cancellationToken);
        }, logger, cancellationToken);

    private async Task<ReserveResult> ClaimOnceAsync(long entryId, string customerId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entry = await db.WaitlistEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == entryId && e.CustomerId == customerId, cancellationToken);
        var service = entry is null ? null : await catalog.GetServiceAsync(entry.ServiceId, cancellationToken);
        if (entry is null || service is null || entry.Status != WaitlistStatus.Offered || entry.OfferedSlotInventoryId is not { } inventoryId)
        {
            return new ReserveResult(null, BookingError.BookingNotFound, text["There is no seat on offer for you here."]);
        }

        var nowUtc = time.GetUtcNow().UtcDateTime;
        var slot = await db.SlotInventories.AsNoTracking().SingleAsync(i => i.Id == inventoryId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var refusal = await BookingWrites.CustomerRefusalAsync(db, accountRules, service, customerId, inventoryId, nowUtc, cancellationToken);
        var (practitionerFree, assignment) = refusal is null ? await PractitionerSeats.AssignOneAsync(db, service, movingBookingId: null, null, slot.StartUtc, slot.EndUtc, cancellationToken) : (true, null);
        if ((refusal ?? (practitionerFree ? null : BookingError.PractitionerUnavailable)) is { } refused)
        {
            // In the customer's language, as the book page says it (ReserveResult.Failure is the API's English).
            return new ReserveResult(null, refused, BookingErrorText.For(refused, service, text));
        }

        // The held seat's counter, locked after the customer's row as a booking takes them, and read
        // under that lock: staff may have closed the slot since the offer was made.
        await SlotInventoryStore.LockAsync(db, inventoryId, cancellationToken);
        if (await db.SlotInventories.AnyAsync(i => i.Id == inventoryId && i.IsClosed, cancellationToken))
        {
            return new ReserveResult(null, BookingError.BookingNotFound, text["Sorry, this offer has ended and the seat has passed to someone else."]);
        }

        return await BookHeldSeatAsync(db, transaction, entryId, customerId, service, slot, assignment, nowUtc, cancellationToken);
    }

    /// <summary>Turns the offer into a booking on the seat held for it, if the offer is still open.</summary>
    private async Task<ReserveResult> BookHeldSeatAsync(
        BookingDbContext db, IDbContextTransaction transaction, long entryId, string customerId, Service service, SlotInventory slot, SeatAssignment? assignment, DateTime nowUtc,
        CancellationToken cancellationToken)
    {
        var booking = BookingWrites.NewBooking(
            service, customerId, slot.Id, slot.StartUtc, slot.EndUtc, $"waitlist-{entryId}", nowUtc, paymentHolds.HoldUntil(nowUtc));
        (booking.PractitionerId, booking.RoomId) = (assignment?.PractitionerId, assignment?.RoomId);
        booking.VideoRoomLink = videoRooms.NewRoomLinkFor(service);
        var claimed = await db.WaitlistEntries
            .Where(e => e.Id == entryId && e.CustomerId == customerId && e.Status == WaitlistStatus.Offered && e.OfferExpiresAtUtc > nowUtc)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.Status, WaitlistStatus.Claimed).SetProperty(x => x.ClaimedBookingId, booking.Id), cancellationToken);
        if (claimed != 1)
        {
            return new ReserveResult(null, BookingError.BookingNotFound, text["Sorry, this offer has ended and the seat has passed to someone else."]);
        }

        // The seat was already counted when it was held for this offer: no counter change here.
        BookingWrites.Add(db, booking);
        db.OutboxMessages.AddRange(await outbox.ComposeForNewBookingAsync(db, booking, service, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Waitlist entry {EntryId} claimed as booking {Confirmation}.", entryId, booking.ConfirmationNumber);
        booking.Service = service;
        return ReserveResult.Success(BookingReader.ToView(booking));
    }

    public Task<bool> LeaveAsync(long entryId, string customerId, CancellationToken cancellationToken = default) =>
        ConflictRetry.RunAsync(() => LeaveOnceAsync(entryId, customerId, cancellationToken), logger, cancellationToken);

    private async Task<bool> LeaveOnceAsync(long entryId, string customerId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The entry may turn from waiting into an offer while we look at it; end it only in the
        // state we saw (so a held seat is always handed on), and look again if it moved.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var entry = await db.WaitlistEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == entryId && e.CustomerId == customerId, cancellationToken);
            if (entry is not { Status: WaitlistStatus.Waiting or WaitlistStatus.Offered })
            {
                return false;
            }

            var seen = entry.Status;
            if (await EndAsync(db, entry, WaitlistStatus.Left, e => e.Status == seen, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The waitlist job's round: offers nobody claimed in time passed on (<see cref="ExpireOffersAsync"/>), then the seats a
    /// freed practitioner or room still owes the waiting list, should a process have stopped before offering them
    /// (<see cref="FreedTimeOffers.SweepAsync"/>).
    /// </summary>
    public async Task PassOnSeatsAsync(CancellationToken cancellationToken = default)
    {
        await ExpireOffersAsync(cancellationToken);
        await freedTime.SweepAsync(cancellationToken);
    }

    /// <summary>Ends offers nobody claimed in time and passes each seat to the next person, or back on sale.</summary>
    public Task<int> ExpireOffersAsync(CancellationToken cancellationToken = default) =>
        ConflictRetry.RunAsync(() => ExpireOffersOnceAsync(cancellationToken), logger, cancellationToken);

    private async Task<int> ExpireOffersOnceAsync(CancellationToken cancellationToken)
    {
        var nowUtc = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var due = await db.WaitlistEntries.AsNoTracking()
            .Where(e => e.Status == WaitlistStatus.Offered && e.OfferExpiresAtUtc <= nowUtc)
            .OrderBy(e => e.OfferExpiresAtUtc)
            .Take(200)
            .ToListAsync(cancellationToken);
        var expired = 0;
        foreach (var entry in due)
        {
            if (await EndAsync(db, entry, WaitlistStatus.Expired, e => e.Status == WaitlistStatus.Offered && e.OfferExpiresAtUtc <= nowUtc, cancellationToken))
            {
                expired++;
            }
        }

        return expired;
    }

    public async Task<IReadOnlyList<WaitlistView>> ListForCustomerAsync(string customerId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await WaitlistView.ForCustomerAsync(db, customerId, cancellationToken);
    }

    private async Task<bool> EndAsync(
        BookingDbContext db, WaitlistEntry entry, WaitlistStatus endStatus, System.Linq.Expressions.Expression<Func<WaitlistEntry, bool>> stillIn, CancellationToken cancellationToken)
    {
        var nowUtc = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (entry.OfferedSlotInventoryId is { } heldSlot)
        {
            // The slot's counter before the entry, the order a cancellation handing this slot's seat on takes them in.
            await SlotInventoryStore.LockAsync(db, heldSlot, cancellationToken);
        }

        var ended = await db.WaitlistEntries.Where(e => e.Id == entry.Id).Where(stillIn)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.Status, endStatus), cancellationToken);
        if (ended != 1)
        {
            return false;
        }

        // An entry that held a seat hands it on; one that was only waiting holds nothing.
        if (entry.Status == WaitlistStatus.Offered && entry.OfferedSlotInventoryId is { } inventoryId)
        {
            await seats.ReleaseAsync(db, inventoryId, nowUtc, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        slotChanges.NotifyChanged(entry.ServiceId);
        return true;
    }
}
