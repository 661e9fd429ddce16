using BookingPortal.Features.Admin;

namespace BookingPortal.Features.Practitioners;

/// <summary>The bookings left in time off, as the dashboard and the front desk ask for them (see <see cref="BookingsInTimeOff"/>).</summary>
[ScopedService]
public sealed class TimeOffWatch(IDbContextFactory<BookingDbContext> dbFactory, TimeProvider time) : ITimeOffBookings
{
    public async Task<IReadOnlyList<PractitionerAway>> UpcomingAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = await BookingsInTimeOff.AheadAsync(db, null, time.GetUtcNow().UtcDateTime, cancellationToken);
        // A booking in two overlapping entries of one practitioner is one booking to deal with.
        var counts = entries.GroupBy(e => e.TimeOff.PractitionerId)
            .Select(g => (Id: g.Key, Bookings: g.SelectMany(e => e.BookingIds).Distinct().Count()))
            .Where(p => p.Bookings > 0)
            .ToList();
        var ids = counts.Select(c => c.Id).ToList();
        var names = await db.Practitioners.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
        return counts.Select(c => new PractitionerAway(c.Id, names.GetValueOrDefault(c.Id, ""), c.Bookings))
            .OrderBy(p => p.DisplayName, StringComparer.CurrentCulture).ToList();
    }

    public async Task<IReadOnlySet<Guid>> OfAsync(IReadOnlyCollection<int> practitionerIds, CancellationToken cancellationToken = default)
    {
        if (practitionerIds.Count == 0)
        {
            return new HashSet<Guid>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = await BookingsInTimeOff.AheadAsync(db, practitionerIds, time.GetUtcNow().UtcDateTime, cancellationToken);
        return entries.SelectMany(e => e.BookingIds).ToHashSet();
    }
}
