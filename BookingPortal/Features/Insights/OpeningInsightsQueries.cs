using BookingPortal.Features.Queue;
using BookingPortal.Features.Staff;

namespace BookingPortal.Features.Insights;

/// <summary>
/// How one release opening went, minute by minute, from what the queue and the bookings already record: queue
/// entries keep when they joined, were admitted and finished; bookings keep when they were made; the seat recorder
/// keeps the seats left while it ran. Counts per minute are grouped in the database (by the minute's parts, which
/// every provider translates the same way).
/// </summary>
[ScopedService]
public sealed class OpeningInsightsQueries(
    IDbContextFactory<BookingDbContext> dbFactory, QueueService queue, PublishedDraws draws, LiveOpenings liveOpenings, TimeProvider time)
{
    /// <summary>The chart starts this long before the early doors open: people join ahead, and their minute shows it.</summary>
    public static readonly TimeSpan LeadIn = TimeSpan.FromMinutes(10);

    /// <summary>At most six hours of minutes are charted; an opening lasting longer is shown from its start.</summary>
    public const int MaxMinutes = 360;

    public async Task<OpeningInsights?> GetAsync(StaffActor actor, long openingId, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        var nowUtc = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var opening = await InsightsChoices.Openings(db).SingleOrDefaultAsync(o => o.OpeningId == openingId, cancellationToken);
        if (opening is null)
        {
            return null;
        }

        var entries = db.QueueEntries.AsNoTracking().Where(e => e.OpeningId == openingId);
        var isLive = await liveOpenings.StartedBy(db, nowUtc).AnyAsync(o => o.Id == openingId, cancellationToken);
        var startUtc = opening.EarlyOpensAtUtc - LeadIn;
        var lastActivity = await LastActivityAsync(entries, cancellationToken) ?? opening.Choice.OpensAtUtc;
        var endUtc = Min(isLive ? nowUtc : lastActivity, startUtc.AddMinutes(MaxMinutes - 1));
        var (minutes, counts) = await MinutesAsync(db, entries, opening, startUtc, endUtc, cancellationToken);

        var waits = await WaitsAsync(entries, opening, cancellationToken);
        var seatsLeft = isLive ? await SeatsLeftNowAsync(db, opening.Choice.ServiceId, cancellationToken) : null;
        return new OpeningInsights(opening.Choice, isLive, minutes, counts.Joined, counts.Admitted, counts.Lapsed,
            Percentile(waits, 0.5), Percentile(waits, 0.9), counts.SeatsBooked, seatsLeft, await TrustAsync(entries, openingId, cancellationToken));
    }

    private sealed record Totals(int Joined, int Admitted, int Lapsed, int SeatsBooked);

    private static async Task<(IReadOnlyList<OpeningMinute> Minutes, Totals Totals)> MinutesAsync(
        BookingDbContext db, IQueryable<QueueEntry> entries, InsightsChoices.OpeningRow opening, DateTime startUtc, DateTime endUtc, CancellationToken cancellationToken)
    {
        var booked = SeatsBooked(db, opening, startUtc, endUtc.AddMinutes(1));
        var joined = await MinuteCounts.OfAsync(entries.Select(e => (DateTime?)e.JoinedAtUtc), cancellationToken);
        // An entry tells of its current turn: one who joined again keeps an earlier admission's instant but joined afresh.
        var admitted = await MinuteCounts.OfAsync(entries.Where(e => e.ExpiresAtUtc != null).Select(e => e.AdmittedAtUtc), cancellationToken);
        var lapsed = await MinuteCounts.OfAsync(entries.Where(e => e.Status == QueueEntryStatus.Expired).Select(e => e.FinishedAtUtc), cancellationToken);
        var leftWaiting = await MinuteCounts.OfAsync(entries.Where(e => e.Status == QueueEntryStatus.Left && e.ExpiresAtUtc == null).Select(e => e.FinishedAtUtc), cancellationToken);
        var seats = await MinuteCounts.OfAsync(booked.Select(b => (DateTime?)b.CreatedAtUtc), cancellationToken);
        var untilUtc = MinuteCounts.Truncate(endUtc).AddMinutes(1);
        var readings = await db.OpeningSeatSamples.AsNoTracking().Where(s => s.OpeningId == opening.OpeningId && s.AtUtc < untilUtc)
            .OrderBy(s => s.AtUtc).ThenBy(s => s.Id).Select(s => new SeatReading(s.AtUtc, s.SeatsLeft)).ToListAsync(cancellationToken);
        var minutes = SeatReading.Onto(MinuteCounts.Series(startUtc, endUtc, joined, admitted, lapsed, leftWaiting, seats), readings);
        return (minutes, new Totals(joined.Total, admitted.Total, lapsed.Total, seats.Total));
    }

    /// <summary>Seats booked on the service during the opening, read on the (ServiceId, CreatedAtUtc) index.</summary>
    private static IQueryable<Domain.Booking> SeatsBooked(BookingDbContext db, InsightsChoices.OpeningRow opening, DateTime fromUtc, DateTime untilUtc) =>
        db.Bookings.AsNoTracking().Where(b => b.ServiceId == opening.Choice.ServiceId && b.CreatedAtUtc >= fromUtc && b.CreatedAtUtc < untilUtc);

    /// <summary>Challenges from the entries' own proof columns; the draw checked as anyone checking the published draw would.</summary>
    private async Task<OpeningTrustFigures> TrustAsync(IQueryable<QueueEntry> entries, long openingId, CancellationToken cancellationToken)
    {
        var challenges = await entries.Where(e => e.ProofDifficulty > 0).GroupBy(e => e.ProofPending)
            .Select(g => new { Unmet = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var draw = await draws.GetAsync(openingId, cancellationToken);
        return new OpeningTrustFigures(challenges.Sum(c => c.Count), challenges.Where(c => c.Unmet).Sum(c => c.Count), draw?.Check);
    }

    private static async Task<DateTime?> LastActivityAsync(IQueryable<QueueEntry> entries, CancellationToken cancellationToken)
    {
        var joined = await entries.MaxAsync(e => (DateTime?)e.JoinedAtUtc, cancellationToken);
        var finished = await entries.MaxAsync(e => e.FinishedAtUtc, cancellationToken);
        var admitted = await entries.MaxAsync(e => e.AdmittedAtUtc, cancellationToken);
        return new[] { joined, finished, admitted }.Max();
    }

    /// <summary>
    /// Time from joining (or from the doors opening, for people who joined ahead) to admission, of everyone admitted (in their
    /// current turn: the wait of one who joined again runs from that join).
    /// Percentiles have no portable SQL, so the two instants of the admitted entries of this one opening are read.
    /// </summary>
    private static async Task<List<TimeSpan>> WaitsAsync(IQueryable<QueueEntry> entries, InsightsChoices.OpeningRow opening, CancellationToken cancellationToken)
    {
        var admitted = await entries.Where(e => e.AdmittedAtUtc != null && e.ExpiresAtUtc != null)
            .Select(e => new { e.JoinedAtUtc, AdmittedAtUtc = e.AdmittedAtUtc!.Value, e.EarlyAccess }).ToListAsync(cancellationToken);
        return admitted
            .Select(e => e.AdmittedAtUtc - Max(e.JoinedAtUtc, e.EarlyAccess ? opening.EarlyOpensAtUtc : opening.Choice.OpensAtUtc))
            .Select(wait => wait < TimeSpan.Zero ? TimeSpan.Zero : wait)
            .Order().ToList();
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    internal static TimeSpan? Percentile(IReadOnlyList<TimeSpan> sorted, double fraction) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>The figure the waiting room shows its visitors, so staff and customers see the same number.</summary>
    private async Task<int?> SeatsLeftNowAsync(BookingDbContext db, int serviceId, CancellationToken cancellationToken)
    {
        var service = await db.Services.AsNoTracking().Include(s => s.TimeSlots).SingleOrDefaultAsync(s => s.Id == serviceId, cancellationToken);
        return service is null ? null : await queue.RemainingSeatsAsync(service, cancellationToken);
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
