using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace BookingPortal.Features.Queue;

/// <summary>
/// Pushes each opening's queue to the waiting-room circuits watching it. It reads every watched
/// opening with one query each and hands the same snapshot to all its subscribers: the database load
/// does not grow with the number of people waiting. It reads at once when this instance changes a
/// queue (<see cref="QueueChangeNotifier"/>); five times a second it asks each opening for a fingerprint
/// of its line (one aggregate over an index) and reads it in full only when that moved, so a change
/// made by another instance arrives within a fifth of a second without reading thousands of rows each
/// time; and once a second it reads in full anyway, for what the fingerprint does not cover (the seats
/// left). A snapshot equal to the last one is handed only to subscribers that have not had one yet, so
/// a quiet queue costs the circuits nothing.
/// </summary>
[SingletonService]
public sealed class QueueBroadcaster : BackgroundService, IQueueSnapshots
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    /// <summary>Full reads at least this often: seats taken on another instance move no fingerprint.</summary>
    public static readonly TimeSpan FullReadInterval = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan MinimumGap = TimeSpan.FromMilliseconds(50);
    private static readonly ParallelOptions FanOut = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };
    private readonly ConcurrentDictionary<long, ConcurrentDictionary<Guid, Subscriber>> subscribers = new();
    private readonly ConcurrentDictionary<long, LastRead> lastReads = new();
    private readonly IDbContextFactory<BookingDbContext> dbFactory;
    private readonly QueueService queue;
    private readonly QueueChangeNotifier changes;
    private readonly TimeProvider time;
    private readonly ILogger<QueueBroadcaster> logger;
    private readonly AccountRules accountRules;
    private readonly LatestQueueSnapshots latest;

    public QueueBroadcaster(
        IDbContextFactory<BookingDbContext> dbFactory, QueueService queue, QueueChangeNotifier changes, TimeProvider time, ILogger<QueueBroadcaster> logger, IMeterFactory meters,
        AccountRules accountRules, LatestQueueSnapshots latest)
    {
        (this.dbFactory, this.queue, this.changes, this.time, this.logger, this.accountRules, this.latest) = (dbFactory, queue, changes, time, logger, accountRules, latest);
        QueueMetrics.Observe(meters, () => lastReads.Values.Select(r => r.Snapshot).Where(s => subscribers.TryGetValue(s.OpeningId, out var set) && !set.IsEmpty));
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
        var sinceFullRead = Stopwatch.StartNew();
        while (!stoppingToken.IsCancellationRequested)
        {
            var changed = changes.TakeChanged();
            var failed = false;
            try
            {
                if (sinceFullRead.Elapsed >= FullReadInterval)
                {
                    sinceFullRead.Restart();
                    await BroadcastAsync(stoppingToken);
                }
                else
                {
                    await PollAsync(changed, stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Could not read the queues for the waiting rooms; trying again shortly.");
                failed = true;
            }

            await WaitForNextPassAsync(failed, stoppingToken);
        }
    }

    /// <summary>The next poll, or sooner when this instance changes a queue; after a failure, never sooner.</summary>
    private async Task WaitForNextPassAsync(bool failed, CancellationToken stoppingToken)
    {
        var sincePass = Stopwatch.StartNew();
        await (failed ? Task.Delay(Interval, stoppingToken) : Task.WhenAny(changes.Changed, Task.Delay(Interval, stoppingToken)));
        // An opening's first minute marks its queue hundreds of times a second: those marks share one pass.
        var rest = MinimumGap - sincePass.Elapsed;
        if (rest > TimeSpan.Zero)
        {
            await Task.Delay(rest, stoppingToken);
        }
    }

    /// <summary>Reads and pushes every watched opening in full. Public so tests can drive it without a timer.</summary>
    public Task BroadcastAsync(CancellationToken cancellationToken = default) => ForEachWatchedAsync(
        (db, openingId) => ReadAndHandAsync(db, openingId, cancellationToken), cancellationToken);

    /// <summary>
    /// Reads in full the openings marked <paramref name="changed"/> here and those whose fingerprint moved (a change made
    /// elsewhere); the others only catch up subscribers that have had no snapshot yet. Public so tests can drive it.
    /// </summary>
    public Task PollAsync(IReadOnlyCollection<long> changed, CancellationToken cancellationToken = default) => ForEachWatchedAsync(
        async (db, openingId) =>
        {
            if (!changed.Contains(openingId) && lastReads.TryGetValue(openingId, out var last)
                && await FingerprintAsync(db, openingId, cancellationToken) == last.Fingerprint)
            {
                foreach (var subscriber in subscribers[openingId].Values)
                {
                    subscriber.Hand(last.Snapshot, changed: false);
                }

                return;
            }

            await ReadAndHandAsync(db, openingId, cancellationToken);
        }, cancellationToken);

    private async Task ForEachWatchedAsync(Func<BookingDbContext, long, Task> readOne, CancellationToken cancellationToken)
    {
        var watched = subscribers.Where(s => !s.Value.IsEmpty).Select(s => s.Key).ToList();
        if (watched.Count == 0)
        {
            return;
        }

        // The factory and the queue service are singletons: no scope per pass.
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        foreach (var openingId in watched)
        {
            await readOne(db, openingId);
        }
    }

    private async Task ReadAndHandAsync(BookingDbContext db, long openingId, CancellationToken cancellationToken)
    {
        // The fingerprint before the rows: a change between the two moves the next poll's fingerprint and is read then;
        // taken after them, it could carry a change the rows missed and hide it from the polls.
        var fingerprint = await FingerprintAsync(db, openingId, cancellationToken);
        var snapshot = await ReadAsync(db, openingId, cancellationToken);
        var changed = !lastReads.TryGetValue(openingId, out var last) || !SameQueue(last.Snapshot, snapshot);
        lastReads[openingId] = new LastRead(snapshot, fingerprint);
        latest.Keep(snapshot);
        // A circuit whose dispatcher is free runs its update on the thread that hands it the snapshot (Blazor's
        // InvokeAsync runs inline then), render and send included. Handed one after another, 20,000 circuits were
        // drawn on one core while the other idled, and the last one waited ~2.6 s: every core takes a share instead.
        Parallel.ForEach(subscribers[openingId].Values, FanOut, subscriber => subscriber.Hand(snapshot, changed));
    }

    /// <summary>What moves when anyone joins, leaves, is numbered or admitted: the same rows a full read takes, summed in the database.</summary>
    private static Task<QueueFingerprint> FingerprintAsync(BookingDbContext db, long openingId, CancellationToken cancellationToken) =>
        LiveEntries(db, openingId)
            .GroupBy(e => e.OpeningId)
            .Select(g => new QueueFingerprint(
                g.Count(),
                g.Sum(e => e.Status == QueueEntryStatus.Waiting ? e.Sequence ?? 0 : 0),
                g.Sum(e => e.Status == QueueEntryStatus.Admitted ? e.Id : 0)))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The entries a snapshot is made of: waiting (numbered or not) and admitted.</summary>
    private static IQueryable<QueueEntry> LiveEntries(BookingDbContext db, long openingId) =>
        db.QueueEntries.AsNoTracking().Where(e => e.OpeningId == openingId && (e.Status == QueueEntryStatus.Waiting || e.Status == QueueEntryStatus.Admitted));

    private async Task<QueueSnapshot> ReadAsync(BookingDbContext db, long openingId, CancellationToken cancellationToken)
    {
        var live = await LiveEntries(db, openingId)
            .Select(e => new { e.Id, e.Status, e.Sequence, Visitor = e.CustomerId == null })
            .ToListAsync(cancellationToken);
        var serviceId = await db.ReleaseOpenings.Where(o => o.Id == openingId)
            .Join(db.Releases, o => o.ReleaseId, r => r.Id, (o, r) => r.ServiceId)
            .SingleAsync(cancellationToken);
        // Counted even where the release hides the count: it still decides who is told the release is sold out.
        int? remaining = null;
        if (await db.Services.AsNoTracking().Include(s => s.TimeSlots).FirstOrDefaultAsync(s => s.Id == serviceId, cancellationToken) is { } service)
        {
            remaining = await queue.RemainingSeatsAsync(service, cancellationToken);
        }

        var waiting = live.Where(e => e.Status == QueueEntryStatus.Waiting && e.Sequence != null).Select(e => e.Sequence!.Value).Order().ToArray();
        var admitted = live.Where(e => e.Status == QueueEntryStatus.Admitted).Select(e => e.Id).ToHashSet();
        var nowUtc = time.GetUtcNow().UtcDateTime;
        return new QueueSnapshot(openingId, waiting, admitted, remaining, nowUtc)
        {
            AdmissibleSequences = live.Any(e => e.Visitor && e.Status == QueueEntryStatus.Waiting)
                ? await AdmissibleSequencesAsync(db, openingId, waiting, cancellationToken) : waiting,
            Pace = await OpeningPaceReader.ReadAsync(db, openingId, nowUtc, cancellationToken),
        };
    }

    /// <summary>
    /// The places admission can take, that positions count: one more read (with the accounts) only while visitors wait in a
    /// line that needs confirmed accounts, once per read for everyone in line (a count per customer would read everyone ahead
    /// of each of them). Without visitors it is every place: an account joins only once its address is confirmed.
    /// </summary>
    private async Task<long[]> AdmissibleSequencesAsync(BookingDbContext db, long openingId, long[] waiting, CancellationToken cancellationToken) =>
        !accountRules.RequireConfirmedEmail ? waiting
            : [.. await LiveOpenings.Admissible(accountRules, db, LiveEntries(db, openingId))
                .Where(e => e.Status == QueueEntryStatus.Waiting && e.Sequence != null)
                .OrderBy(e => e.Sequence).Select(e => e.Sequence!.Value).ToListAsync(cancellationToken)];

    private static bool SameQueue(QueueSnapshot a, QueueSnapshot b) =>
        a.RemainingSeats == b.RemainingSeats && a.WaitingSequences.AsSpan().SequenceEqual(b.WaitingSequences) && a.AdmittedEntryIds.SetEquals(b.AdmittedEntryIds)
        && (a.AdmissibleSequences ?? a.WaitingSequences).AsSpan().SequenceEqual(b.AdmissibleSequences ?? b.WaitingSequences);

    /// <summary>A waiting room's callback, and whether it has had a snapshot yet (one that subscribed after the last change still needs it).</summary>
    private sealed class Subscriber(Action<QueueSnapshot> onSnapshot)
    {
        private int handedOne;

        public void Hand(QueueSnapshot snapshot, bool changed)
        {
            // Read before it is written: the poll asks every subscriber, and a write each time would bounce cache lines between cores.
            var first = Volatile.Read(ref handedOne) == 0 && Interlocked.Exchange(ref handedOne, 1) == 0;
            if (first || changed)
            {
                onSnapshot(snapshot);
            }
        }
    }

    private readonly record struct QueueFingerprint(int Live, long WaitingSequences, long AdmittedIds);

    /// <summary>An opening's last full read: what its subscribers were handed, and the fingerprint the polls compare with.</summary>
    private sealed record LastRead(QueueSnapshot Snapshot, QueueFingerprint Fingerprint);

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
