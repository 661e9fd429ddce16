using BookingPortal.Infrastructure.Jobs;
using BookingPortal.Features.Queue;
using Quartz;

namespace BookingPortal.Features.Insights;

/// <summary>
/// Writes the points of each live opening's sell-out curve: seats left on its service, read the way the waiting room
/// reads them for its visitors, from the chart's lead-in while its queue can still move (LiveOpenings). A reading of committed seat
/// counters at one instant is exact whatever books or cancels around it, and two instances at once only add points.
/// </summary>
[ScopedService]
public sealed class OpeningSeatRecorder(IDbContextFactory<BookingDbContext> dbFactory, QueueService queue, LiveOpenings liveOpenings, TimeProvider time)
{
    public async Task<int> RecordAsync(CancellationToken cancellationToken = default)
    {
        var nowUtc = time.GetUtcNow().UtcDateTime;
        var chartStartedBy = nowUtc + OpeningInsightsQueries.LeadIn;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var live = await liveOpenings.StartedBy(db, chartStartedBy)
            .Join(db.Releases, o => o.ReleaseId, r => r.Id, (o, r) => new { OpeningId = o.Id, r.ServiceId })
            .ToListAsync(cancellationToken);
        foreach (var serviceOpenings in live.GroupBy(o => o.ServiceId))
        {
            var service = await db.Services.AsNoTracking().Include(s => s.TimeSlots).SingleAsync(s => s.Id == serviceOpenings.Key, cancellationToken);
            var seatsLeft = await queue.RemainingSeatsAsync(service, cancellationToken);
            db.OpeningSeatSamples.AddRange(serviceOpenings.Select(o => new OpeningSeatSample { OpeningId = o.OpeningId, AtUtc = nowUtc, SeatsLeft = seatsLeft }));
        }

        await db.SaveChangesAsync(cancellationToken);
        return live.Count;
    }
}

/// <summary>Runs <see cref="OpeningSeatRecorder"/> every <see cref="Interval"/>: several points a minute, one query when nothing is live.</summary>
public sealed class OpeningSeatJob(OpeningSeatRecorder recorder) : DelegatingJob(recorder.RecordAsync), IIntervalJob
{
    public static JobKey Key { get; } = new(nameof(OpeningSeatJob), "insights");

    public static TimeSpan Interval { get; } = TimeSpan.FromSeconds(10);
}
