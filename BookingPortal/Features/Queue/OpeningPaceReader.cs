namespace BookingPortal.Features.Queue;

/// <summary>Reads an opening's <see cref="OpeningPace"/> in one grouped query (plus the release's pause switch).</summary>
public static class OpeningPaceReader
{
    public static async Task<OpeningPace> ReadAsync(BookingDbContext db, long openingId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var since = nowUtc - WaitEstimator.ObservationWindow;
        // Every admission in the window counts toward the pace, an earlier turn's too; the outcomes are the current turns'
        // (one who joined again and left while waiting has no window: their earlier outcome is not known).
        var counts = await db.QueueEntries.AsNoTracking()
            .Where(e => e.OpeningId == openingId && e.AdmittedAtUtc != null)
            .GroupBy(e => e.OpeningId)
            .Select(g => new
            {
                Recent = g.Count(e => e.AdmittedAtUtc > since),
                Holding = g.Count(e => e.Status == QueueEntryStatus.Admitted),
                Booked = g.Count(e => e.Status == QueueEntryStatus.Completed),
                Lapsed = g.Count(e => (e.Status == QueueEntryStatus.Expired || e.Status == QueueEntryStatus.Left) && e.ExpiresAtUtc != null),
            })
            .FirstOrDefaultAsync(cancellationToken);
        var paused = await db.ReleaseOpenings.Where(o => o.Id == openingId)
            .Join(db.Releases, o => o.ReleaseId, r => r.Id, (o, r) => r.AdmissionPaused).FirstOrDefaultAsync(cancellationToken);
        if (counts is null)
        {
            return OpeningPace.NotStarted with { Paused = paused };
        }

        var first = await db.QueueEntries.Where(e => e.OpeningId == openingId && e.AdmittedAtUtc != null)
            .OrderBy(e => e.AdmittedAtUtc).Select(e => e.AdmittedAtUtc).FirstAsync(cancellationToken);
        var observed = Math.Min(WaitEstimator.ObservationWindow.TotalMinutes, (nowUtc - first!.Value).TotalMinutes);
        return new OpeningPace(counts.Recent, observed, counts.Holding, counts.Booked, counts.Lapsed, paused);
    }
}
