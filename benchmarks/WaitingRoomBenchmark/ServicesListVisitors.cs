using System.Diagnostics;

namespace WaitingRoomBenchmark;

/// <summary>
/// Visitors reading the services list (`--services-list`): each loads the page as a browser would and
/// opens a circuit only if the page asks for one (a server component marker in it). What the server
/// holds per visitor afterwards is the measure: a circuit's worth while the list was interactive, next
/// to nothing now that it is static.
/// </summary>
public static class ServicesListVisitors
{
    public static async Task MeasureAsync(PortalUnderTest portal, IReadOnlyList<Customer> users, HttpMessageHandler pages, int visitors, int parallel, string root)
    {
        GC.Collect();
        var heapBefore = await portal.LiveHeapBytesAsync();
        var before = portal.ResidentBytes();
        var clients = new CircuitClient[visitors];
        var load = Stopwatch.StartNew();
        using (var gate = new SemaphoreSlim(parallel))
        {
            await Task.WhenAll(Enumerable.Range(0, visitors).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    var user = users[i % users.Count];
                    clients[i] = new CircuitClient(portal.BaseUri, user.Cookies, pages, portal.CircuitUri, http2: null);
                    await clients[i].ConnectAsync("services", CancellationToken.None);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        // A visitor whose page started a circuit has it drawn; one whose page is static is done already.
        for (var waited = Stopwatch.StartNew(); clients.Any(c => c.Error is null && c.Batches == 0) && waited.Elapsed < TimeSpan.FromSeconds(60);)
        {
            await Task.Delay(50);
        }

        load.Stop();
        await Task.Delay(TimeSpan.FromSeconds(5));
        var heapAfter = await portal.LiveHeapBytesAsync();
        var after = portal.ResidentBytes();
        var circuits = clients.Count(c => c.Batches > 0);
        var summary = string.Join(Environment.NewLine,
        [
            $"## Services list readers, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC",
            "",
            $"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; portal in Release on SQLite, client on the same machine.",
            $"Command: `dotnet run -c Release --project benchmarks/WaitingRoomBenchmark -- --services-list --circuits {visitors} --users {users.Count}` (signed-in visitors, so not from the output cache).",
            "",
            "| measure | value |",
            "| --- | --- |",
            $"| visitors who loaded the services list | {visitors} ({users.Count} customers) in {load.Elapsed.TotalSeconds:0.0} s |",
            $"| circuits their pages opened | {circuits} |",
            $"| server memory per visitor (RSS growth / visitors, both read after a full GC) | {(after - before) / 1024.0 / visitors:0.0} KB |",
            $"| live managed memory per visitor (heap after a full GC, growth / visitors) | {(heapAfter - heapBefore) / 1024.0 / visitors:0.0} KB |",
            "",
        ]);
        Console.WriteLine(summary);
        await File.AppendAllTextAsync(Path.Combine(root, "benchmarks", "RESULTS.md"), summary + Environment.NewLine);
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }
}
