namespace BookingPortal.Features.Accounts;

/// <summary>A key's current window: when it ends and how many tries it has counted, this one included.</summary>
public readonly record struct AttemptWindow(DateTimeOffset EndsAt, int Count);

/// <summary>Where the account forms' fixed-window counts are kept: this process, or the database every instance shares.</summary>
public interface IAttemptWindows
{
    /// <summary>Counts one try for the key and answers its window after the count.</summary>
    Task<AttemptWindow> CountAsync(string key, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken = default);
}

/// <summary>
/// The single-instance default (the embedded SQLite database serves one process): counts in memory,
/// a window starting at a key's first try. Keys are kept hashed (<see cref="AttemptKey"/>), so a
/// window costs the same whatever length of text was typed. Every thousand tries, windows that have
/// ended are dropped, so a spray of made-up addresses cannot grow the table without end.
/// </summary>
public sealed class MemoryAttemptWindows : IAttemptWindows
{
    private readonly ConcurrentDictionary<string, AttemptWindow> windows = new(StringComparer.Ordinal);
    private int sinceSweep;

    public Task<AttemptWindow> CountAsync(string key, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken = default)
    {
        SweepNow(now);
        return Task.FromResult(windows.AddOrUpdate(AttemptKey.Hash(key), _ => new AttemptWindow(now + window, 1),
            (_, current) => now >= current.EndsAt ? new AttemptWindow(now + window, 1) : current with { Count = current.Count + 1 }));
    }

    /// <summary>The keys held now, for the tests that show what the table keeps.</summary>
    internal IReadOnlyCollection<string> Keys => [.. windows.Keys];

    private void SweepNow(DateTimeOffset now)
    {
        if (Interlocked.Increment(ref sinceSweep) % 1000 != 0)
        {
            return;
        }

        foreach (var (key, entry) in windows)
        {
            if (now >= entry.EndsAt)
            {
                windows.TryRemove(KeyValuePair.Create(key, entry));
            }
        }
    }
}
