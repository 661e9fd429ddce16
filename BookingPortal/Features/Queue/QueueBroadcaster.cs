using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using BookingPortal.Data;
using BookingPortal.Domain;
using Microsoft.EntityFrameworkCore;

namespace BookingPortal.Features.Queue;

/// <summary>
/// Pushes each opening's queue to the waiting-room circuits watching it. Twice a second it reads
/// every watched opening with one query each and hands the same snapshot to all its subscribers:
/// the database load does not grow with the number of people waiting, and changes made by another
/// instance arrive within half a second. A snapshot equal to the last one is handed only to
/// subscribers that have not had one yet, so a quiet queue costs the circuits nothing.
/// </summary>
public sealed class QueueBroadcaster : BackgroundService, IQueueSnapshots
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private static readonly ParallelOptions FanOut = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };
    private readonly ConcurrentDictionary<long, ConcurrentDictionary<Guid, Subscriber>> subscribers = new();
    private readonly ConcurrentDictionary<long, QueueSnapshot> lastSnapshots = new();
    private readonly IServiceScopeFactory scopes;
    private readonly QueueChangeNotifier changes;
    private readonly TimeProvider time;
    private readonly ILogger<QueueBroadcaster> logger;

    public QueueBroadcaster(IServiceScopeFactory scopes, QueueChangeNotifier changes, TimeProvider time, ILogger<QueueBroadcaster> logger, IMeterFactory meters)
    {
        (this.scopes, this.changes, this.time, this.logger) = (scopes, changes, time, logger);
        QueueMetrics.Observe(meters, () => lastSnapshots.Values.Where(s => subscribers.TryGetValue(s.OpeningId, out var set) && !set.IsEmpty));
    }

    /// <summary>Dispose the returned handle when the component goes away, or its circuit would be kept alive.</summary>
    public IDisposable Subscribe(long openingId, Action<QueueSnapshot> onSnapshot)
    {
        var id = Guid.NewGuid();
        subscribers.GetOrAdd(openingId, _ => new())[id] = new Subscriber(onSnapshot);
        return new Subscription(() =>
        {
            if (subscribers.TryGetValue(openingId, out var set))
            {
                set.TryRemove(id, out _);
            }
        });
    }

    public int SubscriberCount => subscribers.Values.Sum(s => s.Count);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            changes.TakeChanged();
            try
            {
                await BroadcastAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Could not read the queues for the waiting rooms; trying again in a second.");
            }
        }
    }

    /// <summary>Reads and pushes every watched opening once. Public so tests can drive it without a timer.</summary>
    public async Task BroadcastAsync(CancellationToken cancellationToken = default)
    {
        var watched = subscribers.Where(s => !s.Value.IsEmpty).Select(s => s.Key).ToList();
        if (watched.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<BookingDbContext>>().CreateDbContextAsync(cancellationToken);
        await using (db)
        {
            foreach (var openingId in watched)
            {
                var snapshot = await ReadAsync(db, scope.ServiceProvider.GetRequiredService<QueueService>(), openingId, cancellationToken);
                var changed = !lastSnapshots.TryGetValue(openingId, out var last) || !SameQueue(last, snapshot);
                lastSnapshots[openingId] = snapshot;
                // A circuit whose dispatcher is free runs its update on the thread that hands it the snapshot (Blazor's
                // InvokeAsync runs inline then), render and send included. Handed one after another, 20,000 circuits were
                // drawn on one core while the other idled, and the last one waited ~2.6 s: every core takes a share instead.
                Parallel.ForEach(subscribers[openingId].Values, FanOut, subscriber => subscriber.Hand(snapshot, changed));
            }
        }
    }

    private async Task<QueueSnapshot> ReadAsync(BookingDbContext db, QueueService queue, long openingId, CancellationToken cancellationToken)
    {
        var live = await db.QueueEntries.AsNoTracking()
            .Where(e => e.OpeningId == openingId && (e.Status == QueueEntryStatus.Waiting || e.Status == QueueEntryStatus.Admitted))
            .Select(e => new { e.Id, e.Status, e.Sequence })
            .ToListAsync(cancellationToken);
        var release = await db.ReleaseOpenings.Where(o => o.Id == openingId)
            .Join(db.Releases, o => o.ReleaseId, r => r.Id, (o, r) => new { r.ServiceId, r.ShowRemainingSlots })
            .SingleAsync(cancellationToken);
        int? remaining = null;
        if (release.ShowRemainingSlots && await db.Services.AsNoTracking().Include(s => s.TimeSlots).FirstOrDefaultAsync(s => s.Id == release.ServiceId, cancellationToken) is { } service)
        {
            remaining = await queue.RemainingSeatsAsync(service, cancellationToken);
        }

        var waiting = live.Where(e => e.Status == QueueEntryStatus.Waiting && e.Sequence != null).Select(e => e.Sequence!.Value).Order().ToArray();
        var admitted = live.Where(e => e.Status == QueueEntryStatus.Admitted).Select(e => e.Id).ToHashSet();
        var nowUtc = time.GetUtcNow().UtcDateTime;
        return new QueueSnapshot(openingId, waiting, admitted, remaining, nowUtc) { Pace = await OpeningPaceReader.ReadAsync(db, openingId, nowUtc, cancellationToken) };
    }

    private static bool SameQueue(QueueSnapshot a, QueueSnapshot b) =>
        a.RemainingSeats == b.RemainingSeats && a.WaitingSequences.AsSpan().SequenceEqual(b.WaitingSequences) && a.AdmittedEntryIds.SetEquals(b.AdmittedEntryIds);

    /// <summary>A waiting room's callback, and whether it has had a snapshot yet (one that subscribed after the last change still needs it).</summary>
    private sealed class Subscriber(Action<QueueSnapshot> onSnapshot)
    {
        private int handedOne;

        public void Hand(QueueSnapshot snapshot, bool changed)
        {
            if (Interlocked.Exchange(ref handedOne, 1) == 0 || changed)
            {
                onSnapshot(snapshot);
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
