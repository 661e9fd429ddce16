namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// The one bounded wait of the test suite: for work another thread or process does on its own
/// time (the scheduler's thread, a second instance, a server starting), never for the portal's
/// clock, which tests move themselves.
/// </summary>
public static class Poll
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(100);

    /// <returns>True as soon as <paramref name="condition"/> holds; false when <paramref name="patience"/> ran out first.</returns>
    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan patience, TimeSpan? interval = null)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed >= patience)
            {
                return false;
            }

            await Task.Delay(interval ?? DefaultInterval);
        }

        return true;
    }
}
