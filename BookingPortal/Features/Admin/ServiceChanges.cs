using BookingPortal.Data;
using BookingPortal.Domain;
using BookingPortal.Features.Catalog;
using Microsoft.EntityFrameworkCore;

namespace BookingPortal.Features.Admin;

/// <summary>What a service edit would do to slots that already have seat counters and bookings.</summary>
internal sealed record ServiceChangeImpact(IReadOnlyList<FieldError> Errors, IReadOnlyList<(long InventoryId, int Capacity, int Added)> CapacityChanges);

/// <summary>The parts of a service edit that look at existing bookings, and the copying of fields.</summary>
internal static class ServiceChanges
{
    public static async Task<ServiceChangeImpact> AssessAsync(BookingDbContext db, Service existing, Service draft, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var upcoming = await db.Bookings.AsNoTracking()
            .Where(b => b.ServiceId == existing.Id && b.StartUtc > nowUtc && (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.PendingPayment))
            .OrderBy(b => b.StartUtc)
            .Select(b => new { b.ConfirmationNumber, b.StartUtc, b.SlotInventoryId })
            .ToListAsync(cancellationToken);
        var errors = new List<FieldError>();
        string Describe(DateTime startUtc)
        {
            var local = TimeZoneInfo.ConvertTime(new DateTimeOffset(startUtc), existing.TimeZone);
            return $"{DisplayFormat.ShortDate(local)} {DisplayFormat.Time(local)}";
        }

        string List(IEnumerable<(string Number, DateTime StartUtc)> bookings) =>
            string.Join(", ", bookings.Take(10).Select(b => $"{b.Number} ({Describe(b.StartUtc)})")) + (bookings.Count() > 10 ? $" and {bookings.Count() - 10} more" : "");

        if (upcoming.Count > 0 && draft.TimeZoneId != existing.TimeZoneId)
        {
            errors.Add(new FieldError(nameof(Service.TimeZoneId), $"The time zone cannot change while {upcoming.Count} upcoming booking(s) exist: their times would move."));
        }

        if (upcoming.Count > 0 && draft.DurationMinutes != existing.DurationMinutes)
        {
            errors.Add(new FieldError(nameof(Service.DurationMinutes), $"The duration cannot change while {upcoming.Count} upcoming booking(s) exist."));
        }

        var orphaned = upcoming.Where(b => SlotSchedule.Find(draft, b.StartUtc) is null).Select(b => (b.ConfirmationNumber, b.StartUtc)).ToList();
        if (orphaned.Count > 0 && errors.Count == 0)
        {
            errors.Add(new FieldError(nameof(Service.TimeSlots), $"These upcoming bookings would lose their slot: {List(orphaned)}. Move or cancel them first."));
        }

        var changes = new List<(long, int, int)>();
        var inventories = await db.SlotInventories.AsNoTracking().Where(i => i.ServiceId == existing.Id && i.StartUtc > nowUtc).ToListAsync(cancellationToken);
        foreach (var inventory in inventories)
        {
            var before = SlotSchedule.Find(existing, inventory.StartUtc);
            var after = SlotSchedule.Find(draft, inventory.StartUtc);
            if (before is null || after is null || before.Capacity == after.Capacity)
            {
                continue;
            }

            // Seats staff added to this one slot by hand stay added.
            var capacity = after.Capacity + (inventory.Capacity - before.Capacity);
            if (capacity < inventory.Booked)
            {
                var onIt = upcoming.Where(b => b.SlotInventoryId == inventory.Id).Select(b => (b.ConfirmationNumber, b.StartUtc)).ToList();
                errors.Add(new FieldError(nameof(Service.TimeSlots),
                    $"{Describe(inventory.StartUtc)} already has {inventory.Booked} seat(s) booked, more than the new capacity of {Math.Max(0, capacity)}: {List(onIt)}."));
            }
            else
            {
                changes.Add((inventory.Id, capacity, Math.Max(0, capacity - inventory.Capacity)));
            }
        }

        return new ServiceChangeImpact(errors, changes);
    }

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
        void Set<T>(string name, T current, T value, Action<T> assign)
        {
            if (!EqualityComparer<T>.Default.Equals(current, value))
            {
                assign(value);
                changed.Add(name);
            }
        }

        Set("name", target.Name, draft.Name, v => target.Name = v);
        Set("description", target.Description, draft.Description, v => target.Description = v);
        Set("duration", target.DurationMinutes, draft.DurationMinutes, v => target.DurationMinutes = v);
        Set("price", target.Price, draft.Price, v => target.Price = v);
        Set("currency", target.Currency, draft.Currency, v => target.Currency = v);
        Set("location", target.LocationKind, draft.LocationKind, v => target.LocationKind = v);
        Set("address", target.Address, draft.Address, v => target.Address = v);
        Set("video link", target.VideoLink, draft.VideoLink, v => target.VideoLink = v);
        Set("time zone", target.TimeZoneId, draft.TimeZoneId, v => target.TimeZoneId = v);
        Set("days", target.AvailableDays, draft.AvailableDays, v => target.AvailableDays = v);
        Set("max advance days", target.MaxAdvanceBookingDays, draft.MaxAdvanceBookingDays, v => target.MaxAdvanceBookingDays = v);
        Set("min advance hours", target.MinAdvanceBookingHours, draft.MinAdvanceBookingHours, v => target.MinAdvanceBookingHours = v);
        Set("bookings per customer", target.MaxActiveBookingsPerCustomer, draft.MaxActiveBookingsPerCustomer, v => target.MaxActiveBookingsPerCustomer = v);
        Set("several seats per customer", target.AllowSeveralSeatsPerCustomer, draft.AllowSeveralSeatsPerCustomer, v => target.AllowSeveralSeatsPerCustomer = v);
        Set("deposit required", target.RequireDeposit, draft.RequireDeposit, v => target.RequireDeposit = v);
        Set("deposit", target.DepositAmount, draft.DepositAmount, v => target.DepositAmount = v);
        Set("free cancellation hours", target.FreeCancellationHours, draft.FreeCancellationHours, v => target.FreeCancellationHours = v);
        Set("changes allowed until hours", target.ChangesAllowedUntilHours, draft.ChangesAllowedUntilHours, v => target.ChangesAllowedUntilHours = v);
        Set("cancellation fee", target.CancellationFee, draft.CancellationFee, v => target.CancellationFee = v);
        Set("no-show grace", target.NoShowGraceMinutes, draft.NoShowGraceMinutes, v => target.NoShowGraceMinutes = v);
        Set("buffer before", target.BufferBeforeMinutes, draft.BufferBeforeMinutes, v => target.BufferBeforeMinutes = v);
        Set("buffer after", target.BufferAfterMinutes, draft.BufferAfterMinutes, v => target.BufferAfterMinutes = v);

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

        return changed;
    }
}
