using BookingPortal.Features.Bookings;

namespace BookingPortal.Features.Catalog;

/// <summary>The practitioners customers may name for a service, and the dates and times free for that choice.</summary>
// Stateless and on a waiting customer's page: a singleton, so no waiting circuit holds its own (ServiceLifetimeTests).
[SingletonService]
public sealed class PractitionerDirectory(IDbContextFactory<BookingDbContext> dbFactory, CatalogService catalog)
{
    /// <summary>The active practitioners who perform the service, by name; none where the service does not book practitioners.</summary>
    public async Task<IReadOnlyList<PractitionerProfile>> ListForServiceAsync(Service service, CancellationToken cancellationToken = default)
    {
        if (!service.BooksPractitioners)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Practitioners.AsNoTracking()
            .Where(p => p.IsActive && db.PractitionerServices.Any(ps => ps.PractitionerId == p.Id && ps.ServiceId == service.Id))
            .OrderBy(p => p.DisplayName)
            .ToListAsync(cancellationToken);
        return rows.Select(p => new PractitionerProfile(p.Id, p.DisplayName, p.Title, p.LanguageCodes.ToList(), p.PhotoUrl)).ToList();
    }

    /// <param name="practitionerId">Null for "any available": the service's own calendar.</param>
    public Task<BookingCalendar> GetCalendarAsync(Service service, int? practitionerId, CancellationToken cancellationToken = default) =>
        practitionerId is { } id && service.BooksPractitioners
            ? catalog.GetCalendarAsync(service, slots => ForPractitionerAsync(service, slots, id, cancellationToken), cancellationToken)
            : catalog.GetCalendarAsync(service, cancellationToken);

    public Task<IReadOnlyList<SlotAvailability>> GetSlotsAsync(Service service, DateOnly localDate, int? practitionerId, CancellationToken cancellationToken = default) =>
        GetSlotsAsync(service, localDate, localDate, practitionerId, cancellationToken);

    /// <summary>The slots between two local dates for one choice: any available (null), or one named practitioner (<see cref="ForPractitionerAsync"/>).</summary>
    public async Task<IReadOnlyList<SlotAvailability>> GetSlotsAsync(
        Service service, DateOnly fromLocal, DateOnly toLocal, int? practitionerId, CancellationToken cancellationToken = default)
    {
        var slots = await catalog.GetSlotsAsync(service, fromLocal, toLocal, cancellationToken);
        return practitionerId is { } id && service.BooksPractitioners ? await ForPractitionerAsync(service, slots, id, cancellationToken) : slots;
    }

    /// <summary>
    /// The slots one practitioner can give: where they are free (their hours and time off, their appointments in any
    /// service with the buffers, busy time, a room where one is needed), with no more seats than the slot has left;
    /// slots full for everyone stay, shown full, so the day's waitlist is still offered. The same rules the booking
    /// path applies under its locks (SlotStaffing), read here without them.
    /// </summary>
    private async Task<IReadOnlyList<SlotAvailability>> ForPractitionerAsync(
        Service service, IReadOnlyList<SlotAvailability> slots, int practitionerId, CancellationToken cancellationToken)
    {
        if (slots.Count == 0)
        {
            return slots;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var staffing = await PractitionerSeats.LoadAsync(
            db, service, slots.Min(s => s.StartUtc), slots.Max(s => s.EndUtc), null, cancellationToken);
        int SeatsOf(SlotAvailability slot) => staffing.FreePractitioners(slot.StartUtc, slot.EndUtc).Contains(practitionerId)
            ? Math.Min(slot.Remaining, staffing.SeatsLeft(practitionerId, slot.StartUtc, slot.EndUtc))
            : 0;
        return slots.Select(slot => (Slot: slot, Seats: SeatsOf(slot)))
            .Where(s => s.Slot.IsFull || s.Seats > 0)
            .Select(s => s.Slot with { Remaining = s.Seats, IsBookable = s.Slot.IsBookable && s.Seats > 0 })
            .ToList();
    }
}
