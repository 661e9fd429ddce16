namespace BookingPortal.Features.Insights;

/// <summary>
/// Appointments and waitlist offers by week for one service. Outcomes and moves are counted from the covering
/// (ServiceId, StartUtc, Status, MovedAtUtc) index of bookings alone; fees kept from the index of cancelled bookings
/// and the ledger's (BookingId, Kind) index; offers from the waitlist's (ServiceId, LocalDate, Status) index. What
/// comes back is one row per slot start and outcome, never one per booking.
/// </summary>
[ScopedService]
public sealed class BookingTrendsQueries(IDbContextFactory<BookingDbContext> dbFactory, TimeProvider time)
    : InsightsQuery<BookingTrends>(dbFactory, time)
{
    protected override async Task<BookingTrends> QueryAsync(BookingDbContext db, InsightsPeriod period, CancellationToken cancellationToken)
    {
        var inWeeks = period.Bookings(db);
        // A move stamps the booking it moves (MovedAtUtc, in the move's own update): a moved booking counts in the week it is now in.
        // Grouped in the index's own order, so the database streams the groups instead of sorting 200,000 rows.
        var outcomes = await inWeeks.GroupBy(b => new { b.StartUtc, b.Status })
            .Select(g => new SlotOutcome(g.Key.StartUtc, g.Key.Status, g.Count(), g.Count(b => b.MovedAtUtc != null))).ToListAsync(cancellationToken);
        var withFee = await inWeeks
            .Where(b => b.Status == BookingStatus.Cancelled && db.LedgerEntries.Any(e => e.BookingId == b.Id && e.Kind == LedgerEntryKind.CancellationFeeRetained))
            .GroupBy(b => b.StartUtc).Select(g => new { StartUtc = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);

        var weeks = Weekly(InsightsCalendar.Mondays(period.From, period.Until), period.Calendar, outcomes, withFee.Select(f => (f.StartUtc, f.Count)));
        return new BookingTrends(period.Service, weeks, await WaitlistAsync(db, period.Service.Id, period.From, period.Until, cancellationToken));
    }

    /// <summary>Each distinct slot start is placed in its local week once, and each grouped row added to its week once.</summary>
    private static List<BookingWeek> Weekly(
        IEnumerable<DateOnly> mondays, InsightsCalendar calendar, IReadOnlyList<SlotOutcome> outcomes, IEnumerable<(DateTime StartUtc, int Count)> withFee)
    {
        var weekOf = outcomes.Select(o => o.StartUtc).Distinct().ToDictionary(start => start, calendar.WeekOf);
        var weeks = mondays.ToDictionary(week => week, week => new BookingWeek(week, 0, 0, 0, 0, 0));
        foreach (var o in outcomes)
        {
            var week = weeks[weekOf[o.StartUtc]];
            weeks[week.WeekStart] = week with
            {
                Kept = week.Kept + (o.Status is BookingStatus.Confirmed or BookingStatus.Completed ? o.Count : 0),
                Cancelled = week.Cancelled + (o.Status == BookingStatus.Cancelled ? o.Count : 0),
                NoShows = week.NoShows + (o.Status == BookingStatus.NoShow ? o.Count : 0),
                Moved = week.Moved + o.Moved,
            };
        }

        foreach (var (startUtc, count) in withFee)
        {
            var week = weeks[weekOf[startUtc]];
            weeks[week.WeekStart] = week with { CancelledWithFee = week.CancelledWithFee + count };
        }

        return weeks.Values.OrderBy(w => w.WeekStart).ToList();
    }

    private sealed record SlotOutcome(DateTime StartUtc, BookingStatus Status, int Count, int Moved);

    /// <summary>Offers by the week of the date they were for: every entry that was offered a seat ends Offered, Claimed or Expired.</summary>
    private static async Task<IReadOnlyList<WaitlistWeek>> WaitlistAsync(BookingDbContext db, int serviceId, DateOnly from, DateOnly until, CancellationToken cancellationToken)
    {
        WaitlistStatus[] offered = [WaitlistStatus.Offered, WaitlistStatus.Claimed, WaitlistStatus.Expired];
        var rows = await db.WaitlistEntries.AsNoTracking()
            .Where(e => e.ServiceId == serviceId && e.LocalDate >= from && e.LocalDate < until && offered.Contains(e.Status))
            .GroupBy(e => new { e.LocalDate, e.Status })
            .Select(g => new { g.Key.LocalDate, g.Key.Status, Count = g.Count() }).ToListAsync(cancellationToken);
        int Count(DateOnly week, params WaitlistStatus[] statuses) =>
            rows.Where(r => WallTime.WeekStart(r.LocalDate) == week && statuses.Contains(r.Status)).Sum(r => r.Count);
        return InsightsCalendar.Mondays(from, until)
            .Select(week => new WaitlistWeek(week, Count(week, offered), Count(week, WaitlistStatus.Claimed), Count(week, WaitlistStatus.Expired)))
            .ToList();
    }
}
