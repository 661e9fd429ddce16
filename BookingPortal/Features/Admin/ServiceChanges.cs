using BookingPortal.Features.Catalog;

namespace BookingPortal.Features.Admin;

/// <summary>What a service edit would do to slots that already have seat counters and bookings.</summary>
/// <param name="Removed">Open counters of upcoming times the edit takes away (to be closed with them).</param>
/// <param name="Restored">Closed counters of upcoming times the schedule did not have and the edit gives back (to be reopened).</param>
/// <param name="Uncounted">Counters the edit creates for bookable times it removes or resizes that nobody has booked yet.</param>
internal sealed record ServiceChangeImpact(
    IReadOnlyList<FieldError> Errors, IReadOnlyList<(long InventoryId, int Change)> CapacityChanges, IReadOnlyList<long> Removed, IReadOnlyList<long> Restored,
    IReadOnlyList<SlotInventory> Uncounted);

/// <summary>The parts of a service edit that look at existing bookings, and the copying of fields.</summary>
internal static class ServiceChanges
{
    public static async Task<ServiceChangeImpact> AssessAsync(BookingDbContext db, Service existing, Service draft, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var upcoming = await db.Bookings.AsNoTracking()
            .Where(b => b.ServiceId == existing.Id && b.StartUtc > nowUtc && Domain.Booking.ActiveStatuses.Contains(b.Status))
            .OrderBy(b => b.StartUtc)
            .Select(b => new UpcomingBooking(b.ConfirmationNumber, b.StartUtc, b.SlotInventoryId))
            .ToListAsync(cancellationToken);
        var errors = ChangesThatWouldMoveBookings(existing, draft, upcoming);
        var inventories = await db.SlotInventories.AsNoTracking().Where(i => i.ServiceId == existing.Id && i.StartUtc > nowUtc).ToListAsync(cancellationToken);
        var removed = inventories.Where(i => !i.IsClosed && SlotSchedule.Find(existing, i.StartUtc) is not null && SlotSchedule.Find(draft, i.StartUtc) is null).Select(i => i.Id).ToList();
        var restored = inventories.Where(i => i.IsClosed && SlotSchedule.Find(existing, i.StartUtc) is null && SlotSchedule.Find(draft, i.StartUtc) is not null).Select(i => i.Id).ToList();
        var changes = CapacityChanges(existing, draft, inventories, upcoming, errors);
        return new ServiceChangeImpact(errors, changes, removed, restored, UncountedTimesChanged(existing, draft, inventories, nowUtc));
    }

    /// <summary>How each counted slot's capacity moves; a cut below the seats booked is an error naming the bookings.</summary>
    private static List<(long, int)> CapacityChanges(
        Service existing, Service draft, List<SlotInventory> inventories, List<UpcomingBooking> upcoming, List<FieldError> errors)
    {
        var changes = new List<(long, int)>();
        foreach (var inventory in inventories)
        {
            var before = SlotSchedule.Find(existing, inventory.StartUtc);
            var after = SlotSchedule.Find(draft, inventory.StartUtc);
            if (before is null && after is not null && inventory.IsClosed && after.Capacity != inventory.Capacity)
            {
                // A restored counter, reopened at the template's capacity: a removal closed it with nobody on it.
                changes.Add((inventory.Id, after.Capacity - inventory.Capacity));
            }

            if (before is null || after is null || before.Capacity == after.Capacity)
            {
                continue;
            }

            // Seats staff added to this one slot by hand stay added.
            var capacity = after.Capacity + (inventory.Capacity - before.Capacity);
            if (capacity < inventory.Booked)
            {
                var onIt = upcoming.Where(b => b.SlotInventoryId == inventory.Id).ToList();
                errors.Add(new FieldError(nameof(Service.TimeSlots),
                    $"{Describe(existing, inventory.StartUtc)} already has {inventory.Booked} seat(s) booked, more than the new capacity of {Math.Max(0, capacity)}: {List(existing, onIt)}."));
            }
            else
            {
                changes.Add((inventory.Id, after.Capacity - before.Capacity));
            }
        }

        return changes;
    }

    /// <summary>
    /// A booking or move that read the old slots creates a time's counter itself, from what it read, a moment later: the
    /// edit creates the counters of the bookable times it removes (closed) or resizes (at the new capacity) that have
    /// none yet, so that booking finds the edit's counter, or, when it created its own first, the unique index refuses
    /// the edit, which is saved again.
    /// </summary>
    private static List<SlotInventory> UncountedTimesChanged(Service existing, Service draft, IReadOnlyCollection<SlotInventory> inventories, DateTime nowUtc)
    {
        var counted = inventories.Select(i => i.StartUtc).ToHashSet();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(nowUtc, existing.TimeZone));
        return SlotSchedule.ForRange(existing, today, BookingRules.BookableDates(existing, nowUtc).Last)
            .Where(slot => slot.StartUtc > nowUtc && !counted.Contains(slot.StartUtc))
            .Select(slot => (Before: slot, After: SlotSchedule.Find(draft, slot.StartUtc)))
            .Where(slot => slot.After is null || slot.After.Capacity != slot.Before.Capacity)
            .Select(slot => new SlotInventory
            {
                ServiceId = existing.Id, StartUtc = slot.Before.StartUtc, EndUtc = (slot.After ?? slot.Before).EndUtc,
                Capacity = (slot.After ?? slot.Before).Capacity, IsClosed = slot.After is null,
            })
            .ToList();
    }

    /// <returns>False when a booking or move created one of these counters since the check.</returns>
    public static async Task<bool> CountUncountedTimesAsync(BookingDbContext db, ServiceChangeImpact impact, CancellationToken cancellationToken)
    {
        db.SlotInventories.AddRange(impact.Uncounted);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }

    private sealed record UpcomingBooking(string ConfirmationNumber, DateTime StartUtc, long SlotInventoryId);

    /// <summary>A new time zone or duration, or a slot taken away, would move or orphan the upcoming bookings.</summary>
    private static List<FieldError> ChangesThatWouldMoveBookings(Service existing, Service draft, List<UpcomingBooking> upcoming)
    {
        var errors = new List<FieldError>();
        if (upcoming.Count > 0 && draft.TimeZoneId != existing.TimeZoneId)
        {
            errors.Add(new FieldError(nameof(Service.TimeZoneId), $"The time zone cannot change while {upcoming.Count} upcoming booking(s) exist: their times would move."));
        }

        if (upcoming.Count > 0 && draft.DurationMinutes != existing.DurationMinutes)
        {
            errors.Add(new FieldError(nameof(Service.DurationMinutes), $"The duration cannot change while {upcoming.Count} upcoming booking(s) exist."));
        }

        var orphaned = upcoming.Where(b => SlotSchedule.Find(draft, b.StartUtc) is null).ToList();
        if (orphaned.Count > 0 && errors.Count == 0)
        {
            errors.Add(new FieldError(nameof(Service.TimeSlots), $"These upcoming bookings would lose their slot: {List(existing, orphaned)}. Move or cancel them first."));
        }

        return errors;
    }

    private static string Describe(Service existing, DateTime startUtc)
    {
        var local = TimeZoneInfo.ConvertTime(new DateTimeOffset(startUtc), existing.TimeZone);
        return $"{DisplayFormat.ShortDate(local)} {DisplayFormat.Time(local)}";
    }

    private static string List(Service existing, List<UpcomingBooking> bookings) =>
        string.Join(", ", bookings.Take(10).Select(b => $"{b.ConfirmationNumber} ({Describe(existing, b.StartUtc)})")) + (bookings.Count > 10 ? $" and {bookings.Count - 10} more" : "");

    public static Service CopyForInsert(Service draft)
    {
        var created = new Service { Name = draft.Name, TimeZoneId = draft.TimeZoneId };
        Apply(created, draft);
        return created;
    }

    /// <summary>Copies every editable field and reconciles the slot list by id.</summary>
    /// <returns>The names of the fields that changed.</returns>
    public static List<string> Apply(Service target, Service draft)
    {
        var changed = new List<string>();
        ApplyFields(target, draft, changed);
        ReconcileSlots(target, draft, changed);
        return changed;
    }

    private static void ApplyFields(Service target, Service draft, List<string> changed)
    {
        Set(changed, "name", target.Name, draft.Name, v => target.Name = v);
        Set(changed, "description", target.Description, draft.Description, v => target.Description = v);
        Set(changed, "duration", target.DurationMinutes, draft.DurationMinutes, v => target.DurationMinutes = v);
        Set(changed, "price", target.Price, draft.Price, v => target.Price = v);
        Set(changed, "currency", target.Currency, draft.Currency, v => target.Currency = v);
        Set(changed, "location", target.LocationKind, draft.LocationKind, v => target.LocationKind = v);
        Set(changed, "address", target.Address, draft.Address, v => target.Address = v);
        Set(changed, "video link", target.VideoLink, draft.VideoLink, v => target.VideoLink = v);
        Set(changed, "time zone", target.TimeZoneId, draft.TimeZoneId, v => target.TimeZoneId = v);
        Set(changed, "days", target.AvailableDays, draft.AvailableDays, v => target.AvailableDays = v);
        Set(changed, "max advance days", target.MaxAdvanceBookingDays, draft.MaxAdvanceBookingDays, v => target.MaxAdvanceBookingDays = v);
        Set(changed, "min advance hours", target.MinAdvanceBookingHours, draft.MinAdvanceBookingHours, v => target.MinAdvanceBookingHours = v);
        Set(changed, "bookings per customer", target.MaxActiveBookingsPerCustomer, draft.MaxActiveBookingsPerCustomer, v => target.MaxActiveBookingsPerCustomer = v);
        Set(changed, "several seats per customer", target.AllowSeveralSeatsPerCustomer, draft.AllowSeveralSeatsPerCustomer, v => target.AllowSeveralSeatsPerCustomer = v);
        Set(changed, "deposit required", target.RequireDeposit, draft.RequireDeposit, v => target.RequireDeposit = v);
        Set(changed, "deposit", target.DepositAmount, draft.DepositAmount, v => target.DepositAmount = v);
        Set(changed, "free cancellation hours", target.FreeCancellationHours, draft.FreeCancellationHours, v => target.FreeCancellationHours = v);
        Set(changed, "changes allowed until hours", target.ChangesAllowedUntilHours, draft.ChangesAllowedUntilHours, v => target.ChangesAllowedUntilHours = v);
        Set(changed, "cancellation fee", target.CancellationFee, draft.CancellationFee, v => target.CancellationFee = v);
        Set(changed, "no-show grace", target.NoShowGraceMinutes, draft.NoShowGraceMinutes, v => target.NoShowGraceMinutes = v);
        Set(changed, "buffer before", target.BufferBeforeMinutes, draft.BufferBeforeMinutes, v => target.BufferBeforeMinutes = v);
        Set(changed, "buffer after", target.BufferAfterMinutes, draft.BufferAfterMinutes, v => target.BufferAfterMinutes = v);
        Set(changed, "requires approval", target.RequiresApproval, draft.RequiresApproval, v => target.RequiresApproval = v);
        Set(changed, "approval hold hours", target.ApprovalHoldHours, draft.ApprovalHoldHours, v => target.ApprovalHoldHours = v);
    }

    private static void Set<T>(List<string> changed, string name, T current, T value, Action<T> assign)
    {
        if (!EqualityComparer<T>.Default.Equals(current, value))
        {
            assign(value);
            changed.Add(name);
        }
    }

    /// <summary>Slots matched by id: gone from the draft are removed, new ones added, edited ones updated in place.</summary>
    private static void ReconcileSlots(Service target, Service draft, List<string> changed)
    {
        var kept = draft.TimeSlots.Where(t => t.Id != 0).Select(t => t.Id).ToHashSet();
        foreach (var removed in target.TimeSlots.Where(t => !kept.Contains(t.Id)).ToList())
        {
            target.TimeSlots.Remove(removed);
            changed.Add($"removed slot {removed.Start:HH\\:mm}");
        }

        foreach (var slot in draft.TimeSlots)
        {
            var current = slot.Id == 0 ? null : target.TimeSlots.FirstOrDefault(t => t.Id == slot.Id);
            if (current is null)
            {
                target.TimeSlots.Add(new TimeSlotTemplate { Days = slot.Days, Start = slot.Start, End = slot.End, Capacity = slot.Capacity });
                changed.Add($"added slot {slot.Start:HH\\:mm}");
            }
            else if (current.Days != slot.Days || current.Start != slot.Start || current.End != slot.End || current.Capacity != slot.Capacity)
            {
                (current.Days, current.Start, current.End, current.Capacity) = (slot.Days, slot.Start, slot.End, slot.Capacity);
                changed.Add($"slot {slot.Start:HH\\:mm}");
            }
        }
    }
}
