namespace WaitingRoomBenchmark;

/// <summary>
/// Opens the circuits, a few at a time, until all are open or a process runs short of open files: one WebSocket
/// per customer is one socket in the portal and one in this client, and this machine's limit (ulimit -n) is per
/// process. Opening stops while both still have <see cref="Headroom"/> files to spare, so the portal can still open
/// its database and serve the rounds; how far it got and why is reported.
/// </summary>
public static class CircuitCrowd
{
    private const int Headroom = 250;
    private const int CheckEvery = 50;

    /// <summary>Opens circuits <paramref name="from"/> up to <paramref name="to"/> into <paramref name="clients"/>; why it stopped short, if it did.</summary>
    public static async Task<string?> OpenAsync(
        PortalUnderTest portal, IReadOnlyList<Customer> customers, HttpMessageHandler pages, Func<int, HttpMessageInvoker?> http2, string path,
        CircuitClient?[] clients, int from, int to, int parallel)
    {
        string? stoppedBecause = null;
        var started = 0;
        using var gate = new SemaphoreSlim(parallel);
        await Task.WhenAll(Enumerable.Range(from, to - from).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                if (stoppedBecause is not null)
                {
                    return;
                }

                if (Interlocked.Increment(ref started) % CheckEvery == 0 && ShortOfFiles(portal, parallel) is { } reason)
                {
                    stoppedBecause = reason;
                    return;
                }

                var customer = customers[i % customers.Count];
                clients[i] = new CircuitClient(portal.BaseUri, customer.Cookies, pages, portal.CircuitUri, http2(i % customers.Count));
                await clients[i]!.ConnectAsync(path, CancellationToken.None);
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"circuit {i}: {ex.GetType().Name}: {ex.Message}");
                // Failed, not waited for: a tab whose connection threw never draws.
                clients[i]?.Fail($"{ex.GetType().Name}: {ex.Message}");
            }
            finally
            {
                gate.Release();
            }
        }));
        return stoppedBecause;
    }

    private static string? ShortOfFiles(PortalUnderTest portal, int parallel)
    {
        var server = portal.OpenFiles();
        var client = PortalUnderTest.OpenFilesOf(Environment.ProcessId);
        foreach (var (who, files) in new[] { ("the portal", server), ("the client", client) })
        {
            if (files.Open + parallel + Headroom >= files.Limit)
            {
                return $"{who} held {files.Open} open files of its limit of {files.Limit} (portal {server.Open}, client {client.Open})";
            }
        }

        return null;
    }
}
