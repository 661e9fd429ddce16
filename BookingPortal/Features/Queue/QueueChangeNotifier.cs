using System.Collections.Concurrent;

namespace BookingPortal.Features.Queue;

/// <summary>
/// In-process signal that an opening's queue changed (someone admitted, joined, left), so the
/// broadcaster reads it again at once instead of waiting for its next tick.
/// </summary>
public sealed class QueueChangeNotifier
{
    private readonly ConcurrentDictionary<long, byte> dirty = new();

    public void NotifyChanged(long openingId) => dirty[openingId] = 0;

    /// <summary>The openings marked since the last call, cleared.</summary>
    public IReadOnlyCollection<long> TakeChanged()
    {
        var taken = dirty.Keys.ToList();
        foreach (var id in taken)
        {
            dirty.TryRemove(id, out _);
        }

        return taken;
    }
}
