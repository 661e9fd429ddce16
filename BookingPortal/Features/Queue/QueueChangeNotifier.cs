namespace BookingPortal.Features.Queue;

/// <summary>
/// In-process signal that an opening's queue changed (someone admitted, joined, left), so the
/// broadcaster reads it again at once instead of waiting for its next poll.
/// </summary>
[SingletonService]
public sealed class QueueChangeNotifier
{
    private readonly ConcurrentDictionary<long, byte> dirty = new();
    private TaskCompletionSource signal = NewSignal();

    /// <summary>Completes when an opening is marked after the last <see cref="TakeChanged"/>.</summary>
    public Task Changed => Volatile.Read(ref signal).Task;

    public void NotifyChanged(long openingId)
    {
        dirty[openingId] = 0;
        Volatile.Read(ref signal).TrySetResult();
    }

    /// <summary>The openings marked since the last call, cleared.</summary>
    public IReadOnlyCollection<long> TakeChanged()
    {
        // The signal is renewed before the marks are read: a mark made meanwhile is either read now or wakes the next wait.
        Interlocked.Exchange(ref signal, NewSignal());
        var taken = dirty.Keys.ToList();
        foreach (var id in taken)
        {
            dirty.TryRemove(id, out _);
        }

        return taken;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
