namespace BookingPortal.Tests.EndToEnd;

/// <summary>
/// GET /testing/memory, which the benchmarks read, on the shared clock-control portal. Asked in-process it ran its full
/// compacting collection over the test host's heap, every suite's at once: 38 s late in a clean run, with every other
/// test stopped for it. A portal process, the shared one here, is what the benchmarks measure anyway.
/// </summary>
public class MemoryEndpointTests(ClockPortalFixture clock) : EndToEndTest
{
    [Fact]
    public async Task A_portal_with_clock_control_reports_the_heap_that_survives_a_collection_and_what_sqlite_holds()
    {
        var portal = await clock.PortalAsync();
        using var http = new HttpClient { BaseAddress = portal.BaseUri };

        var memory = await http.GetFromJsonAsync<System.Text.Json.JsonElement>("testing/memory");

        memory.GetProperty("heapBytes").GetInt64().Should().BePositive();
        memory.GetProperty("totalBytes").GetInt64().Should().BePositive();
        memory.GetProperty("sqliteBytes").GetInt64().Should().BePositive("the portal runs on SQLite and has pages cached");
    }
}
