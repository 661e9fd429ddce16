using BookingPortal.Features.Bookings;
using BookingPortal.Features.Catalog;
using BookingPortal.Features.Staff;
using BookingPortal.Features.Audit;

namespace BookingPortal.Features.Admin;

public enum CapacityChangeOutcome
{
    Changed,
    SlotNotFound,
    InvalidAmount,
}

/// <summary>What adding seats did; <see cref="Text"/> says it in the page's language (FieldErrorText), <see cref="Message"/> in English.</summary>
public sealed record CapacityChangeResult(CapacityChangeOutcome Outcome, int NewCapacity, int OffersMade, FieldError Text)
{
    public string Message => Text.Message;
}

/// <summary>
/// Staff open extra seats on one slot. Each new seat goes first to the waitlist (FIFO, held for
/// two hours, as for a freed seat), then to general sale.
/// </summary>
[ScopedService]
public sealed class SlotCapacityService(
    IDbContextFactory<BookingDbContext> dbFactory,
    CatalogService catalog,
    SlotInventoryStore inventory,
    SlotChangeNotifier slotChanges,
    SeatReleaser seats,
    AuditLog audit,
    TimeProvider time,
    ILogger<SlotCapacityService> logger)
{
    public const int MaxExtraSeatsAtOnce = 100;

    public Task<CapacityChangeResult> AddSeatsAsync(StaffActor actor, int serviceId, DateTime slotStartUtc, int extraSeats, CancellationToken cancellationToken = default) =>
        // The whole unit again, with fresh contexts, when the database gave it up for another transaction's sake.
        ConflictRetry.RunAsync(() => AddSeatsOnceAsync(actor, serviceId, slotStartUtc, extraSeats, cancellationToken), logger, cancellationToken);

    private async Task<CapacityChangeResult> AddSeatsOnceAsync(StaffActor actor, int serviceId, DateTime slotStartUtc, int extraSeats, CancellationToken cancellationToken)
    {
        actor.EnsureStaff();
        if (extraSeats is < 1 or > MaxExtraSeatsAtOnce)
        {
            return new(CapacityChangeOutcome.InvalidAmount, 0, 0, SlotCalendarService.Said("Add between 1 and {0} seats at a time.", MaxExtraSeatsAtOnce));
        }

        var slot = await FindSlotAsync(serviceId, slotStartUtc, cancellationToken);
        if (slot is null)
        {
            return new(CapacityChangeOutcome.SlotNotFound, 0, 0, SlotCalendarService.Said("That slot does not exist."));
        }

        var inventoryId = await inventory.EnsureAsync(serviceId, slot, cancellationToken);
        var nowUtc = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SlotInventories.Where(i => i.Id == inventoryId)
            .ExecuteUpdateAsync(i => i.SetProperty(x => x.Capacity, x => x.Capacity + extraSeats), cancellationToken);
        var offers = await seats.OfferNewSeatsAsync(db, inventoryId, extraSeats, nowUtc, cancellationToken);
        var capacity = await db.SlotInventories.Where(i => i.Id == inventoryId).Select(i => i.Capacity).SingleAsync(cancellationToken);
        audit.Record(db, actor, "slot.seats_added", $"service {serviceId}", $"{slot.StartUtc:yyyy-MM-dd HH:mm} UTC: +{extraSeats}, capacity {capacity}, {offers} offered to the waitlist.");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Staff {StaffId} added {Seats} seats to service {ServiceId} at {StartUtc:o}; {Offers} offered to the waitlist.",
            actor.Id, extraSeats, serviceId, slot.StartUtc, offers);
        slotChanges.NotifyChanged(serviceId);
        return Changed(capacity, offers);
    }

    private async Task<SlotOccurrence?> FindSlotAsync(int serviceId, DateTime slotStartUtc, CancellationToken cancellationToken)
    {
        var service = await catalog.GetServiceAsync(serviceId, cancellationToken);
        return service is null ? null : SlotSchedule.Find(service, DateTime.SpecifyKind(slotStartUtc, DateTimeKind.Utc));
    }

    private static CapacityChangeResult Changed(int capacity, int offers) => new(CapacityChangeOutcome.Changed, capacity, offers,
        offers > 0
            ? SlotCalendarService.Said("Capacity is now {0}; {1} seat(s) offered to the waitlist.", capacity, offers)
            : SlotCalendarService.Said("Capacity is now {0}.", capacity));
}
