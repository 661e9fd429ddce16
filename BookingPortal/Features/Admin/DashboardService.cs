using BookingPortal.Features.Catalog;
using BookingPortal.Features.Staff;

namespace BookingPortal.Features.Admin;

public sealed record HourCount(int Hour, int Appointments);

public sealed record ServiceSeats(int ServiceId, string Name, int SeatsLeft, int Capacity);

public sealed record NextRelease(string ServiceName, string ReleaseName, DateTime OpensAtUtc, int InQueue);

public sealed record Dashboard(
    DateOnly Today, string TimeZoneId, IReadOnlyList<HourCount> ByHour, int CheckedIn, int Waiting, int NoShows,
    IReadOnlyList<ServiceSeats> SeatsThisWeek, int FailedNotifications, int PendingNotifications, NextRelease? NextRelease,
    IReadOnlyList<PractitionerAway> BookingsInTimeOff);

/// <summary>The day at a glance for staff, in the clinic's zone (that of its first service).</summary>
[ScopedService]
public sealed class DashboardService(IDbContextFactory<BookingDbContext> dbFactory, CatalogService catalog, ITimeOffBookings timeOff, TimeProvider time)
{
    public async Task<Dashboard> GetAsync(StaffActor actor, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var services = await db.Services.AsNoTracking().Include(s => s.TimeSlots).Where(s => !s.IsArchived).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var zone = TimeZoneCache.Find(services.FirstOrDefault()?.TimeZoneId ?? "UTC");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var fromUtc = WallTime.DayStartUtc(today, zone);
        var toUtc = WallTime.DayStartUtc(today.AddDays(1), zone);
        var todays = await db.Bookings.AsNoTracking()
            .Where(b => b.StartUtc >= fromUtc && b.StartUtc < toUtc && b.Status != BookingStatus.Cancelled && b.Status != BookingStatus.PendingPayment && b.Status != BookingStatus.AwaitingApproval)
            .Select(b => new { b.StartUtc, b.Status, b.CheckedInAtUtc })
            .ToListAsync(cancellationToken);
        var byHour = todays.GroupBy(b => TimeZoneInfo.ConvertTimeFromUtc(b.StartUtc, zone).Hour).OrderBy(g => g.Key).Select(g => new HourCount(g.Key, g.Count())).ToList();

        var seats = new List<ServiceSeats>();
        foreach (var service in services)
        {
            var local = SlotSchedule.LocalToday(service, now);
            var slots = await catalog.GetSlotsAsync(service, local, local.AddDays(6), cancellationToken);
            var upcoming = slots.Where(s => s.StartUtc > now.UtcDateTime).ToList();
            seats.Add(new ServiceSeats(service.Id, service.Name, upcoming.Sum(s => s.Remaining), upcoming.Sum(s => s.Capacity)));
        }

        var next = await NextReleaseAsync(db, services, now.UtcDateTime, cancellationToken);
        var failed = await db.OutboxMessages.CountAsync(OutboxMessage.FailedToRetry, cancellationToken);
        var pending = await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Pending, cancellationToken);
        return new Dashboard(
            today, zone.Id, byHour,
            CheckedIn: todays.Count(b => b.CheckedInAtUtc != null),
            Waiting: todays.Count(b => b.Status == BookingStatus.Confirmed),
            NoShows: todays.Count(b => b.Status == BookingStatus.NoShow),
            seats, failed, pending, next, await timeOff.UpcomingAsync(cancellationToken));
    }

    /// <summary>The soonest coming opening of any service's release, and how many are in its line already.</summary>
    private static async Task<NextRelease?> NextReleaseAsync(BookingDbContext db, IReadOnlyList<Service> services, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var releases = await db.Releases.AsNoTracking().ToListAsync(cancellationToken);
        var coming = releases
            .Select(r => (Release: r, Service: services.FirstOrDefault(s => s.Id == r.ServiceId)))
            .Where(x => x.Service is not null)
            .Select(x => (x.Release, x.Service, OpensAt: ReleaseSchedule.NextOpening(x.Release, x.Service!.TimeZone, nowUtc)))
            .Where(x => x.OpensAt is not null)
            .OrderBy(x => x.OpensAt)
            .FirstOrDefault();
        if (coming.Release is null)
        {
            return null;
        }

        var opensAt = coming.OpensAt!.Value;
        var inQueue = await db.QueueEntries.CountAsync(
            e => e.Status == QueueEntryStatus.Waiting && db.ReleaseOpenings.Any(o => o.Id == e.OpeningId && o.ReleaseId == coming.Release.Id && o.OpensAtUtc == opensAt),
            cancellationToken);
        return new NextRelease(coming.Service!.Name, coming.Release.Name, opensAt, inQueue);
    }
}
