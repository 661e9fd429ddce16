using BookingPortal.Data;
using BookingPortal.Domain;
using BookingPortal.Features.Staff;
using Microsoft.EntityFrameworkCore;

namespace BookingPortal.Features.Insights;

/// <summary>
/// Appointments and waitlist offers by week for one service. Outcomes and moves are counted from the covering
/// (ServiceId, StartUtc, Status, MovedAtUtc) index of bookings alone, fees kept from the (BookingId, Kind) index of the
/// ledger, offers from the waitlist's (ServiceId, LocalDate, Status) index; what comes back is one row per slot start
/// and outcome, never one per booking.
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
        // A move stamps the booking it moves (MovedAtUtc, in the move's own update): a moved booking counts in the week it is now in.
        var outcomes = await inWeeks.GroupBy(b => new { b.StartUtc, b.Status, Moved = b.MovedAtUtc != null })
            .Select(g => new SlotOutcome(g.Key.StartUtc, g.Key.Status, g.Key.Moved, g.Count())).ToListAsync(cancellationToken);
        var withFee = await inWeeks
            .Where(b => b.Status == BookingStatus.Cancelled && db.LedgerEntries.Any(e => e.BookingId == b.Id && e.Kind == LedgerEntryKind.CancellationFeeRetained))
            .GroupBy(b => b.StartUtc).Select(g => new SlotOutcome(g.Key, BookingStatus.Cancelled, false, g.Count())).ToListAsync(cancellationToken);

        // Each distinct slot start is placed in its local week once; the weeks then add up their slots.
        var weekOf = outcomes.Select(o => o.StartUtc).Distinct().ToDictionary(start => start, calendar.WeekOf);
        int Count(IEnumerable<SlotOutcome> rows, DateOnly week, Func<SlotOutcome, bool> counted) =>
            rows.Where(r => weekOf[r.StartUtc] == week && counted(r)).Sum(r => r.Count);
        var weeks = InsightsCalendar.Mondays(from, until).Select(week => new BookingWeek(
            week,
            Kept: Count(outcomes, week, o => o.Status is BookingStatus.Confirmed or BookingStatus.Completed),
            Cancelled: Count(outcomes, week, o => o.Status == BookingStatus.Cancelled),
            CancelledWithFee: Count(withFee, week, _ => true),
            Moved: Count(outcomes, week, o => o.Moved),
            NoShows: Count(outcomes, week, o => o.Status == BookingStatus.NoShow))).ToList();
        return new BookingTrends(service, weeks, await WaitlistAsync(db, serviceId, from, until, cancellationToken));
    }

    private sealed record SlotOutcome(DateTime StartUtc, BookingStatus Status, bool Moved, int Count);

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
