namespace BookingPortal.Tests.EndToEnd;

/// <summary>The browser contexts a journey opened and has not closed yet (see <see cref="BrowserFixture.CloseOpenedPagesAsync"/>).</summary>
internal sealed class OpenedPages
{
    private readonly List<IBrowserContext> contexts = [];

    public void Add(IBrowserContext context)
    {
        lock (contexts)
        {
            contexts.Add(context);
        }
    }

    /// <summary>Closes every one, even when one fails (the browser gone, say); the failures are reported together.</summary>
    public async Task CloseAllAsync()
    {
        IBrowserContext[] open;
        lock (contexts)
        {
            open = [.. contexts];
            contexts.Clear();
        }

        var failures = new List<Exception>();
        foreach (var context in open)
        {
            try
            {
                await context.CloseAsync();
            }
            catch (PlaywrightException failure)
            {
                failures.Add(failure);
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException("Closing the journey's pages failed.", failures);
        }
    }
}
