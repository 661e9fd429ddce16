using BookingPortal.Features.Queue;
using BookingPortal.Features.Staff;

namespace BookingPortal.Features.Insights;

/// <summary>
/// The opening page's figures, kept current while the opening runs. It listens to the same queue snapshots the waiting
/// rooms get (no polling of its own) and reads the figures again at most every <see cref="MinInterval"/>: the last
/// change in a burst is never lost, the queries run a few times a minute however busy the queue is. One per circuit.
/// </summary>
[ScopedService]
public sealed class LiveOpening(OpeningInsightsQueries queries, IQueueSnapshots snapshots, TimeProvider time, ILogger<LiveOpening> logger) : IDisposable
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(5);

    private IDisposable? subscription;
    private Watch? watch;
    private int reloadPending;

    public OpeningInsights? Insights { get; private set; }

    /// <summary>Loads the opening's figures and, if it is live, keeps them current, calling <paramref name="onChanged"/> after each new read.</summary>
    public async Task WatchAsync(StaffActor actor, long openingId, Func<Task> onChanged, CancellationToken cancellationToken = default)
    {
        Stop();
        var current = new Watch(actor, openingId, onChanged);
        watch = current;
        Insights = await queries.GetAsync(actor, openingId, cancellationToken);
        current.LoadedAt = time.GetUtcNow();
        if (Insights?.IsLive == true && ReferenceEquals(watch, current))
        {
            subscription = snapshots.Subscribe(openingId, snapshot => { _ = ReloadSoonAsync(current); });
        }
    }

    /// <summary>A trailing throttle: the first snapshot after a read schedules one more read, no sooner than the interval allows.</summary>
    private async Task ReloadSoonAsync(Watch current)
    {
        if (Interlocked.Exchange(ref reloadPending, 1) == 1)
        {
            return;
        }

        try
        {
            var wait = current.LoadedAt + MinInterval - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time);
            }

            Interlocked.Exchange(ref reloadPending, 0);
            if (!ReferenceEquals(watch, current))
            {
                return;
            }

            Insights = await queries.GetAsync(current.Actor, current.OpeningId);
            current.LoadedAt = time.GetUtcNow();
            await current.OnChanged();
            if (Insights?.IsLive != true)
            {
                Stop();
            }
        }
        catch (Exception ex)
        {
            Interlocked.Exchange(ref reloadPending, 0);
            logger.LogWarning(ex, "Could not refresh the insights of opening {OpeningId}.", current.OpeningId);
        }
    }

    private void Stop()
    {
        Interlocked.Exchange(ref subscription, null)?.Dispose();
        watch = null;
    }

    public void Dispose() => Stop();

    private sealed record Watch(StaffActor Actor, long OpeningId, Func<Task> OnChanged)
    {
        public DateTimeOffset LoadedAt { get; set; }
    }
}
