using BookingPortal.Features.Bookings;
using BookingPortal.Features.Cancellation;
using BookingPortal.Features.Catalog;
using BookingPortal.Features.Staff;
using BookingPortal.Features.Audit;

namespace BookingPortal.Features.Admin;

public sealed record CalendarSlot(DateTime StartUtc, DateTimeOffset LocalStart, DateTimeOffset LocalEnd, int Capacity, int Booked, bool IsClosed, bool IsPast);

public sealed record CalendarDay(DateOnly Date, IReadOnlyList<CalendarSlot> Slots);

public sealed record SlotWeek(int ServiceId, string ServiceName, string TimeZoneId, DateOnly Monday, IReadOnlyList<CalendarDay> Days);

/// <summary>What closing did; <see cref="Text"/> says it in the page's language (FieldErrorText), <see cref="Message"/> in English.</summary>
public sealed record CloseSlotsResult(int SlotsClosed, int BookingsCancelled, int BookingsKept, FieldError Text)
{
    public string Message => Text.Message;
}

/// <summary>
/// The slots of one service, a week at a time, with booked/capacity per slot; staff close a slot
/// or a whole day (a holiday) and reopen it. Closing never loses a booking silently: the caller
/// chooses to keep the bookings or to cancel them with a full refund (and the cancellation e-mail).
/// </summary>
[ScopedService]
public sealed class SlotCalendarService(
    IDbContextFactory<BookingDbContext> dbFactory,
    SlotInventoryStore inventory,
    ClinicCancellation cancellations,
    SlotChangeNotifier slotChanges,
    AuditLog audit,
    TimeProvider time,
    ILogger<SlotCalendarService> logger)
{
    /// <param name="anyDayOfWeek">A day of the week to show; null for the current week where the service is.</param>
    public async Task<SlotWeek?> WeekAsync(StaffActor actor, int serviceId, DateOnly? anyDayOfWeek, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        var service = await LoadServiceAsync(serviceId, cancellationToken);
        if (service is null)
        {
            return null;
        }

        var monday = WallTime.WeekStart(anyDayOfWeek ?? SlotSchedule.LocalToday(service, time.GetUtcNow()));
        var occurrences = SlotSchedule.ForRange(service, monday, monday.AddDays(6)).ToList();
        var starts = occurrences.Select(o => o.StartUtc).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var counters = await db.SlotInventories.AsNoTracking().Where(i => i.ServiceId == serviceId && starts.Contains(i.StartUtc)).ToDictionaryAsync(i => i.StartUtc, cancellationToken);
        var nowUtc = time.GetUtcNow().UtcDateTime;
        var days = Enumerable.Range(0, 7).Select(offset => monday.AddDays(offset)).Select(date => new CalendarDay(date, occurrences
            .Where(o => o.LocalDate == date)
            .Select(o => counters.GetValueOrDefault(o.StartUtc) is { } c
                ? new CalendarSlot(o.StartUtc, o.LocalStart, o.LocalEnd, c.Capacity, c.Booked, c.IsClosed, o.StartUtc <= nowUtc)
                : new CalendarSlot(o.StartUtc, o.LocalStart, o.LocalEnd, o.Capacity, 0, false, o.StartUtc <= nowUtc))
            .ToList())).ToList();
        return new SlotWeek(service.Id, service.Name, service.TimeZoneId, monday, days);
    }

    public async Task<CloseSlotsResult> CloseSlotAsync(StaffActor actor, int serviceId, DateTime slotStartUtc, bool cancelBookings, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        var service = await LoadServiceAsync(serviceId, cancellationToken);
        var slot = service is null ? null : SlotSchedule.Find(service, DateTime.SpecifyKind(slotStartUtc, DateTimeKind.Utc));
        return slot is null
            ? new CloseSlotsResult(0, 0, 0, Said("That slot does not exist."))
            : await CloseAsync(actor, service!, [slot], cancelBookings, "slot.closed", cancellationToken);
    }

    /// <summary>A holiday: every slot of that local date is closed.</summary>
    public async Task<CloseSlotsResult> CloseDayAsync(StaffActor actor, int serviceId, DateOnly localDate, bool cancelBookings, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        var service = await LoadServiceAsync(serviceId, cancellationToken);
        var slots = service is null ? [] : SlotSchedule.ForDate(service, localDate);
        return slots.Count == 0
            ? new CloseSlotsResult(0, 0, 0, Said("There are no slots on that day."))
            : await CloseAsync(actor, service!, slots, cancelBookings, "day.closed", cancellationToken);
    }

    public Task<bool> ReopenSlotAsync(StaffActor actor, int serviceId, DateTime slotStartUtc, CancellationToken cancellationToken = default) =>
        // The whole unit again, with fresh contexts, when the database gave it up for another transaction's sake.
        ConflictRetry.RunAsync(() => ReopenSlotOnceAsync(actor, serviceId, slotStartUtc, cancellationToken), logger, cancellationToken);

    private async Task<bool> ReopenSlotOnceAsync(StaffActor actor, int serviceId, DateTime slotStartUtc, CancellationToken cancellationToken)
    {
        actor.EnsureStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var start = DateTime.SpecifyKind(slotStartUtc, DateTimeKind.Utc);
        var reopened = await db.SlotInventories.Where(i => i.ServiceId == serviceId && i.StartUtc == start && i.IsClosed)
            .ExecuteUpdateAsync(i => i.SetProperty(x => x.IsClosed, false), cancellationToken);
        if (reopened == 1)
        {
            audit.Record(db, actor, "slot.reopened", $"service {serviceId}", $"{start:yyyy-MM-dd HH:mm} UTC");
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        slotChanges.NotifyChanged(serviceId);
        return reopened == 1;
    }

    private async Task<CloseSlotsResult> CloseAsync(
        StaffActor actor, Service service, IReadOnlyList<SlotOccurrence> slots, bool cancelBookings, string action, CancellationToken cancellationToken)
    {
        var ids = await EnsureCountersAsync(service, slots, cancellationToken);
        var (closed, affected) = await ConflictRetry.RunAsync(
            dbFactory, db => CloseCountersAsync(db, actor, service, slots, ids, cancelBookings, action, cancellationToken), logger, cancellationToken);
        if (closed == 0)
        {
            return new CloseSlotsResult(0, 0, 0, Said(slots.Count == 1
                ? "That slot was already closed (someone else may have just closed it): nothing changed."
                : "Every slot of that day was already closed (someone else may have just closed them): nothing changed."));
        }

        var cancelled = cancelBookings ? await CancelBookingsStillOnClosedSlotsAsync(actor, affected, cancellationToken) : 0;
        slotChanges.NotifyChanged(service.Id);
        var kept = affected.Count - cancelled;
        var message = affected.Count == 0
            ? Said("Closed {0} slot(s). Nobody was booked.", closed)
            : cancelBookings
                ? Said("Closed {0} slot(s); {1} booking(s) cancelled with a full refund and the customers told.", closed, cancelled)
                : Said("Closed {0} slot(s) to new bookings; the {1} existing booking(s) stand.", closed, kept);
        return new CloseSlotsResult(closed, cancelled, kept, message);
    }

    private async Task<List<long>> EnsureCountersAsync(Service service, IReadOnlyList<SlotOccurrence> slots, CancellationToken cancellationToken)
    {
        var ids = new List<long>();
        foreach (var slot in slots)
        {
            ids.Add(await inventory.EnsureAsync(service.Id, slot, cancellationToken));
        }

        return ids;
    }

    /// <summary>
    /// One transaction: the counters closed (offers withdrawn when the bookings go too) and the bookings on them listed; how
    /// many this call closed, and nothing done or audited when that is none: another closing (two staff at once, a page read
    /// before someone else's) got there first and is the one that acts and is recorded.
    /// </summary>
    private async Task<(int Closed, List<(string ConfirmationNumber, long SlotInventoryId)> OnSlots)> CloseCountersAsync(BookingDbContext db,
        StaffActor actor, Service service, IReadOnlyList<SlotOccurrence> slots, List<long> ids, bool cancelBookings, string action, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Closed first, so no new booking lands while the existing ones are dealt with; the
        // counters are locked one by one in the order of their ids, as every transaction does.
        foreach (var id in ids.Order())
        {
            await SlotInventoryStore.LockAsync(db, id, cancellationToken);
        }

        var closed = await db.SlotInventories.Where(i => ids.Contains(i.Id) && !i.IsClosed).ExecuteUpdateAsync(i => i.SetProperty(x => x.IsClosed, true), cancellationToken);
        if (closed == 0)
        {
            return (0, []);
        }

        if (cancelBookings)
        {
            await WithdrawOffersAsync(db, ids, cancellationToken);
        }

        var onSlots = await db.Bookings.Where(b => ids.Contains(b.SlotInventoryId)).Where(Domain.Booking.HoldsSeat)
            .Select(b => new { b.ConfirmationNumber, b.SlotInventoryId }).ToListAsync(cancellationToken);
        var local = slots[0].LocalStart;
        audit.Record(db, actor, action, $"service {service.Id}",
            $"{DisplayFormat.ShortDate(local)} {(slots.Count == 1 ? DisplayFormat.Time(local) : "(whole day)")}; {onSlots.Count} booking(s) on it {(cancelBookings ? "to cancel with a full refund (each cancellation is its own line)" : "kept")}.");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (closed, onSlots.Select(b => (b.ConfirmationNumber, b.SlotInventoryId)).ToList());
    }

    /// <summary>Each only while still on the closed slot: one its customer moved away meanwhile stands.</summary>
    private async Task<int> CancelBookingsStillOnClosedSlotsAsync(
        StaffActor actor, List<(string ConfirmationNumber, long SlotInventoryId)> affected, CancellationToken cancellationToken)
    {
        var cancelled = 0;
        foreach (var (number, slotId) in affected)
        {
            var result = await cancellations.CancelAsync(actor.Id, number, slotId, SlotInventory.ClosedWithBookingsReason, cancellationToken: cancellationToken);
            cancelled += result.Succeeded ? 1 : 0;
        }

        return cancelled;
    }

    /// <summary>
    /// Seats held for waitlist offers on slots closed with their bookings are withdrawn with them:
    /// nobody can claim a seat on a closed slot, and the counter gives back what the offers held.
    /// Call with the counters locked.
    /// </summary>
    internal static async Task WithdrawOffersAsync(BookingDbContext db, IReadOnlyList<long> slotIds, CancellationToken cancellationToken)
    {
        foreach (var slotId in slotIds)
        {
            var withdrawn = await db.WaitlistEntries.Where(e => e.OfferedSlotInventoryId == slotId && e.Status == WaitlistStatus.Offered)
                .ExecuteUpdateAsync(e => e.SetProperty(x => x.Status, WaitlistStatus.Expired), cancellationToken);
            if (withdrawn > 0)
            {
                await db.SlotInventories.Where(i => i.Id == slotId && i.Booked >= withdrawn)
                    .ExecuteUpdateAsync(i => i.SetProperty(x => x.Booked, x => x.Booked - withdrawn), cancellationToken);
            }
        }
    }

    /// <summary>Archived services included: staff still manage the slots of bookings already made.</summary>
    private async Task<Service?> LoadServiceAsync(int serviceId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Services.AsNoTracking().Include(s => s.TimeSlots).FirstOrDefaultAsync(s => s.Id == serviceId, cancellationToken);
    }

    /// <summary>A message for staff: the English text is the key of its translations (PortalText).</summary>
    internal static FieldError Said(string key, params object[] values) => FieldError.Of("Slot", key, values);
}
