using BookingPortal.Data;
using BookingPortal.Domain;
using Microsoft.EntityFrameworkCore;

namespace BookingPortal.Features.Catalog;

/// <summary>The practitioners customers may name for a service, and the dates and times free for that choice.</summary>
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

    /// <param name="practitionerId">Null for "any available".</param>
    public Task<BookingCalendar> GetCalendarAsync(Service service, int? practitionerId, CancellationToken cancellationToken = default) =>
        catalog.GetCalendarAsync(service, cancellationToken);

    public Task<IReadOnlyList<SlotAvailability>> GetSlotsAsync(Service service, DateOnly localDate, int? practitionerId, CancellationToken cancellationToken = default) =>
        catalog.GetSlotsAsync(service, localDate, cancellationToken);
}
