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
                var (listed, more) = List(existing, onIt);
                errors.Add(FieldError.Of(nameof(Service.TimeSlots), more == 0
                        ? "{0} already has {1} seat(s) booked, more than the new capacity of {2}: {3}."
                        : "{0} already has {1} seat(s) booked, more than the new capacity of {2}: {3} and {4} more.",
                    Describe(existing, inventory.StartUtc), inventory.Booked, Math.Max(0, capacity), listed, more));
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
            errors.Add(FieldError.Of(nameof(Service.TimeZoneId), "The time zone cannot change while {0} upcoming booking(s) exist: their times would move.", upcoming.Count));
        }

        if (upcoming.Count > 0 && draft.DurationMinutes != existing.DurationMinutes)
        {
            errors.Add(FieldError.Of(nameof(Service.DurationMinutes), "The duration cannot change while {0} upcoming booking(s) exist.", upcoming.Count));
        }

        var orphaned = upcoming.Where(b => SlotSchedule.Find(draft, b.StartUtc) is null).ToList();
        if (orphaned.Count > 0 && errors.Count == 0)
        {
            var (listed, more) = List(existing, orphaned);
            errors.Add(FieldError.Of(nameof(Service.TimeSlots), more == 0
                ? "These upcoming bookings would lose their slot: {0}. Move or cancel them first."
                : "These upcoming bookings would lose their slot: {0} and {1} more. Move or cancel them first.", listed, more));
        }

        return errors;
    }

    private static string Describe(Service existing, DateTime startUtc)
    {
        var local = TimeZoneInfo.ConvertTime(new DateTimeOffset(startUtc), existing.TimeZone);
        return $"{DisplayFormat.ShortDate(local)} {DisplayFormat.Time(local)}";
    }

    private static (string Listed, int More) List(Service existing, List<UpcomingBooking> bookings) =>
        (string.Join(", ", bookings.Take(10).Select(b => $"{b.ConfirmationNumber} ({Describe(existing, b.StartUtc)})")), Math.Max(0, bookings.Count - 10));

    public static Service CopyForInsert(Service draft)
    {
        var created = new Service { Name = draft.Name, TimeZoneId = draft.TimeZoneId };
        Apply(created, draft);
        return created;
    }

    /// <summary>Copies every editable field and reconciles the slot list by id.</summary>
    /// <returns>What changed, each named by its editor label (a key of the page's texts, in English as <see cref="FieldError.Message"/>).</returns>
    public static List<FieldError> Apply(Service target, Service draft)
    {
        var changed = new List<FieldError>();
        ApplyFields(target, draft, changed);
        ReconcileSlots(target, draft, changed);
        return changed;
    }

    /// <summary>Every setting the service editor changes, by its label there: copied by <see cref="Apply"/>, and what <see cref="Stamp"/> digests.</summary>
    private static readonly EditableField[] Fields =
    [
        EditableField.Of("Name", s => s.Name, (s, v) => s.Name = v),
        EditableField.Of("Description", s => s.Description, (s, v) => s.Description = v),
        EditableField.Of("Duration (minutes)", s => s.DurationMinutes, (s, v) => s.DurationMinutes = v),
        EditableField.Of("Price", s => s.Price, (s, v) => s.Price = v),
        EditableField.Of("Currency", s => s.Currency, (s, v) => s.Currency = v),
        EditableField.Of("Where", s => s.LocationKind, (s, v) => s.LocationKind = v),
        EditableField.Of("Address", s => s.Address, (s, v) => s.Address = v),
        EditableField.Of("Video link", s => s.VideoLink, (s, v) => s.VideoLink = v),
        EditableField.Of("Time zone", s => s.TimeZoneId, (s, v) => s.TimeZoneId = v),
        EditableField.Of("Days offered", s => s.AvailableDays, (s, v) => s.AvailableDays = v),
        EditableField.Of("Bookable up to (days ahead)", s => s.MaxAdvanceBookingDays, (s, v) => s.MaxAdvanceBookingDays = v),
        EditableField.Of("Minimum notice (hours)", s => s.MinAdvanceBookingHours, (s, v) => s.MinAdvanceBookingHours = v),
        EditableField.Of("Upcoming bookings per customer", s => s.MaxActiveBookingsPerCustomer, (s, v) => s.MaxActiveBookingsPerCustomer = v),
        EditableField.Of("One customer may book several seats in the same slot", s => s.AllowSeveralSeatsPerCustomer, (s, v) => s.AllowSeveralSeatsPerCustomer = v),
        EditableField.Of("Deposit required", s => s.RequireDeposit, (s, v) => s.RequireDeposit = v),
        EditableField.Of("Deposit", s => s.DepositAmount, (s, v) => s.DepositAmount = v),
        EditableField.Of("Free cancellation until (hours before)", s => s.FreeCancellationHours, (s, v) => s.FreeCancellationHours = v),
        EditableField.Of("Customers may change the time until (hours before)", s => s.ChangesAllowedUntilHours, (s, v) => s.ChangesAllowedUntilHours = v),
        EditableField.Of("Late cancellation fee", s => s.CancellationFee, (s, v) => s.CancellationFee = v),
        EditableField.Of("No-show grace (minutes)", s => s.NoShowGraceMinutes, (s, v) => s.NoShowGraceMinutes = v),
        EditableField.Of("Buffer before (minutes)", s => s.BufferBeforeMinutes, (s, v) => s.BufferBeforeMinutes = v),
        EditableField.Of("Buffer after (minutes)", s => s.BufferAfterMinutes, (s, v) => s.BufferAfterMinutes = v),
        EditableField.Of("Bookings need staff approval", s => s.RequiresApproval, (s, v) => s.RequiresApproval = v),
        EditableField.Of("Hours staff have to answer", s => s.ApprovalHoldHours, (s, v) => s.ApprovalHoldHours = v),
    ];

    private sealed record EditableField(string Name, Func<Service, object?> Value, Action<Service, Service> Copy)
    {
        public static EditableField Of<T>(string name, Func<Service, T> get, Action<Service, T> set) =>
            new(name, service => get(service), (target, draft) => set(target, get(draft)));
    }

    private static void ApplyFields(Service target, Service draft, List<FieldError> changed)
    {
        foreach (var field in Fields.Where(field => !Equals(field.Value(target), field.Value(draft))))
        {
            field.Copy(target, draft);
            changed.Add(FieldError.Of(field.Name, field.Name));
        }
    }

    /// <summary>
    /// A digest of what the editor shows of <paramref name="service"/>: its settings and its slots. A draft carries the one of the
    /// service as it was read (<see cref="Service.EditedFrom"/>); the save compares it with the service's under the service's lock.
    /// Settings saved elsewhere (reminders, privacy, practitioners) are not in it: the editor never writes them back.
    /// </summary>
    public static string Stamp(Service service)
    {
        var values = Fields.Select(field => field.Value(service) switch
            {
                null => "\u0000",
                // 200 and 200.00 are one price: a provider may give either back.
                decimal amount => amount.ToString("0.############################", CultureInfo.InvariantCulture),
                IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
                var value => value.ToString(),
            })
            .Concat(service.TimeSlots.OrderBy(t => t.Id).Select(t => $"slot {t.Id} {(int)t.Days} {t.Start.Ticks} {t.End.Ticks} {t.Capacity}"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', values))));
    }

    /// <summary>Slots matched by id: gone from the draft are removed, new ones added, edited ones updated in place.</summary>
    private static void ReconcileSlots(Service target, Service draft, List<FieldError> changed)
    {
        var kept = draft.TimeSlots.Where(t => t.Id != 0).Select(t => t.Id).ToHashSet();
        foreach (var removed in target.TimeSlots.Where(t => !kept.Contains(t.Id)).ToList())
        {
            target.TimeSlots.Remove(removed);
            changed.Add(FieldError.Of(nameof(Service.TimeSlots), "removed slot {0}", removed.Start.ToString("HH:mm", CultureInfo.InvariantCulture)));
        }

        foreach (var slot in draft.TimeSlots)
        {
            var current = slot.Id == 0 ? null : target.TimeSlots.FirstOrDefault(t => t.Id == slot.Id);
            if (current is null)
            {
                target.TimeSlots.Add(new TimeSlotTemplate { Days = slot.Days, Start = slot.Start, End = slot.End, Capacity = slot.Capacity });
                changed.Add(FieldError.Of(nameof(Service.TimeSlots), "added slot {0}", slot.Start.ToString("HH:mm", CultureInfo.InvariantCulture)));
            }
            else if (current.Days != slot.Days || current.Start != slot.Start || current.End != slot.End || current.Capacity != slot.Capacity)
            {
                (current.Days, current.Start, current.End, current.Capacity) = (slot.Days, slot.Start, slot.End, slot.Capacity);
                changed.Add(FieldError.Of(nameof(Service.TimeSlots), "changed slot {0}", slot.Start.ToString("HH:mm", CultureInfo.InvariantCulture)));
            }
        }
    }
}
