using BookingPortal.Data;
using BookingPortal.Domain;
using BookingPortal.Features.Staff;
using Microsoft.EntityFrameworkCore;

namespace BookingPortal.Features.Insights;

/// <summary>
/// Appointments and waitlist offers by week for one service. Every figure is a grouped query over the
/// (ServiceId, StartUtc) and waitlist (ServiceId, LocalDate, Status) indexes; what comes back is one row per
/// slot start and outcome, never one per booking.
/// </summary>
public sealed class BookingTrendsQueries(IDbContextFactory<BookingDbContext> dbFactory, TimeProvider time)
{
    public async Task<BookingTrends?> GetAsync(StaffActor actor, int serviceId, int weeksBack, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await InsightsPeriod.ForAsync(db, serviceId, weeksBack, time.GetUtcNow().UtcDateTime, cancellationToken) is not { } period)
        {
            return null;
        }

        var (service, calendar, from, until, fromUtc, untilUtc) = period;
        var inWeeks = db.Bookings.AsNoTracking().Where(b => b.ServiceId == serviceId && b.StartUtc >= fromUtc && b.StartUtc < untilUtc);

        var outcomes = await inWeeks.GroupBy(b => new { b.StartUtc, b.Status })
            .Select(g => new { g.Key.StartUtc, g.Key.Status, Count = g.Count() }).ToListAsync(cancellationToken);
        var withFee = await inWeeks
            .Where(b => b.Status == BookingStatus.Cancelled && db.LedgerEntries.Any(e => e.BookingId == b.Id && e.Kind == LedgerEntryKind.CancellationFeeRetained))
            .GroupBy(b => b.StartUtc).Select(g => new { StartUtc = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        // A move leaves no mark on the booking row; the "rescheduled" notice queued in the move's transaction is its record.
        var moved = await inWeeks
            .Where(b => db.OutboxMessages.Any(m => m.BookingId == b.Id && m.Kind == NotificationKind.Rescheduled))
            .GroupBy(b => b.StartUtc).Select(g => new { StartUtc = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);

        // Each distinct slot start is placed in its local week once; the weeks then add up their slots.
        var weekOf = outcomes.Select(o => o.StartUtc).Distinct().ToDictionary(start => start, calendar.WeekOf);
        int Outcome(DateOnly week, params BookingStatus[] statuses) =>
            outcomes.Where(o => weekOf[o.StartUtc] == week && statuses.Contains(o.Status)).Sum(o => o.Count);
        int Marked(IEnumerable<(DateTime StartUtc, int Count)> rows, DateOnly week) => rows.Where(r => weekOf[r.StartUtc] == week).Sum(r => r.Count);
        var feeRows = withFee.Select(r => (r.StartUtc, r.Count)).ToList();
        var movedRows = moved.Select(r => (r.StartUtc, r.Count)).ToList();
        var weeks = InsightsCalendar.Mondays(from, until).Select(week => new BookingWeek(
            week,
            Kept: Outcome(week, BookingStatus.Confirmed, BookingStatus.Completed),
            Cancelled: Outcome(week, BookingStatus.Cancelled),
            CancelledWithFee: Marked(feeRows, week),
            Moved: Marked(movedRows, week),
            NoShows: Outcome(week, BookingStatus.NoShow))).ToList();
        return new BookingTrends(service, weeks, await WaitlistAsync(db, serviceId, from, until, cancellationToken));
    }

    /// <summary>Offers by the week of the date they were for: every entry that was offered a seat ends Offered, Claimed or Expired.</summary>
    private static async Task<IReadOnlyList<WaitlistWeek>> WaitlistAsync(BookingDbContext db, int serviceId, DateOnly from, DateOnly until, CancellationToken cancellationToken)
    {
        WaitlistStatus[] offered = [WaitlistStatus.Offered, WaitlistStatus.Claimed, WaitlistStatus.Expired];
        var rows = await db.WaitlistEntries.AsNoTracking()
            .Where(e => e.ServiceId == serviceId && e.LocalDate >= from && e.LocalDate < until && offered.Contains(e.Status))
            .GroupBy(e => new { e.LocalDate, e.Status })
            .Select(g => new { g.Key.LocalDate, g.Key.Status, Count = g.Count() }).ToListAsync(cancellationToken);
        int Count(DateOnly week, params WaitlistStatus[] statuses) =>
            rows.Where(r => InsightsCalendar.WeekStart(r.LocalDate) == week && statuses.Contains(r.Status)).Sum(r => r.Count);
        return InsightsCalendar.Mondays(from, until)
            .Select(week => new WaitlistWeek(week, Count(week, offered), Count(week, WaitlistStatus.Claimed), Count(week, WaitlistStatus.Expired)))
            .ToList();
    }
}
