using System.Collections.Concurrent;

namespace BookingPortal.Features.Catalog;

/// <summary>
/// Tells open pages in this process that a service's seat counts changed, so pickers refresh
/// without polling the database from every circuit. Subscriptions are disposed with the page.
/// </summary>
public sealed class SlotChangeNotifier(ILogger<SlotChangeNotifier> logger)
{
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<Guid, Func<Task>>> subscribers = new();

    public IDisposable Subscribe(int serviceId, Func<Task> onChanged)
    {
        var id = Guid.NewGuid();
        subscribers.GetOrAdd(serviceId, _ => new()).TryAdd(id, onChanged);
        return new Subscription(() =>
        {
            if (subscribers.TryGetValue(serviceId, out var forService))
            {
                forService.TryRemove(id, out _);
            }
        });
    }

    public int SubscriberCount(int serviceId) => subscribers.TryGetValue(serviceId, out var s) ? s.Count : 0;

    /// <summary>Fire-and-forget per subscriber: one slow or broken circuit must not delay the booking that changed the count.</summary>
    public void NotifyChanged(int serviceId)
    {
        if (!subscribers.TryGetValue(serviceId, out var forService))
        {
            return;
        }

        foreach (var callback in forService.Values)
        {
            _ = InvokeAsync(callback);
        }
    }

    private async Task InvokeAsync(Func<Task> callback)
    {
        try
        {
            await callback();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A seat-change subscriber failed.");
        }
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private Action? unsubscribe = unsubscribe;

        public void Dispose() => Interlocked.Exchange(ref unsubscribe, null)?.Invoke();
    }
}
