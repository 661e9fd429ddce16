namespace BookingPortal.Features.Catalog;

/// <summary>
/// Tells open pages in this process that something they show changed, keyed by what changed (a
/// service's seats, one booking), so pages refresh without polling the database from every circuit.
/// Subscriptions are disposed with the page.
/// </summary>
public abstract class ChangeNotifier<TKey>(ILogger logger)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, ConcurrentDictionary<Guid, Func<Task>>> subscribers = new();

    public IDisposable Subscribe(TKey key, Func<Task> onChanged)
    {
        var id = Guid.NewGuid();
        subscribers.GetOrAdd(key, _ => new()).TryAdd(id, onChanged);
        return new Subscription(() =>
        {
            if (subscribers.TryGetValue(key, out var forKey))
            {
                forKey.TryRemove(id, out _);
            }
        });
    }

    public int SubscriberCount(TKey key) => subscribers.TryGetValue(key, out var s) ? s.Count : 0;

    /// <summary>Fire-and-forget per subscriber: one slow or broken circuit must not delay the change that caused it.</summary>
    public void NotifyChanged(TKey key)
    {
        if (!subscribers.TryGetValue(key, out var forKey))
        {
            return;
        }

        foreach (var callback in forKey.Values)
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
            logger.LogWarning(ex, "A change subscriber failed.");
        }
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private Action? unsubscribe = unsubscribe;

        public void Dispose() => Interlocked.Exchange(ref unsubscribe, null)?.Invoke();
    }
}
