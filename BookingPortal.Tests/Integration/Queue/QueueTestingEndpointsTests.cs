namespace BookingPortal.Tests.Integration.Queue;

/// <summary>The waiting-room benchmark's way to move a queue as one instance does: the first in line leaves through the queue service.</summary>
public sealed class QueueTestingEndpointsTests : IAsyncLifetime
{
    private static readonly WebApplicationFactoryClientOptions Https = new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false };
    private readonly PortalFactory factory = new ClockControlPortal();

    public async Task InitializeAsync() => await factory.StartWithoutScheduledJobsAsync();

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task Leave_first_takes_out_whoever_is_first_in_line_until_no_one_waits()
    {
        var clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
        await using (var paused = await factory.DbFactory.CreateDbContextAsync())
        {
            // Everyone is drawn a place and no one is let in: the whole line waits.
            await paused.Releases.Where(r => r.ServiceId == clinic.Id).ExecuteUpdateAsync(r => r.SetProperty(x => x.AdmissionPaused, true));
        }

        var openingId = await factory.JoinEarlyThenOpenAsync(clinic.Id, await factory.CreateCustomersAsync(6), early: TimeSpan.FromMinutes(1));
        var waiting = await WaitingInOrderAsync(openingId);
        waiting.Should().HaveCount(6);
        using var client = factory.CreateClient(Https);

        foreach (var expected in waiting)
        {
            var answer = await client.PostAsync($"/testing/queue/leave-first?openingId={openingId}", null);
            answer.StatusCode.Should().Be(HttpStatusCode.OK);
            (await answer.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("entryId").GetInt64().Should().Be(expected);
        }

        (await WaitingInOrderAsync(openingId)).Should().BeEmpty();
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.QueueEntries.Where(e => waiting.Contains(e.Id)).ToListAsync()).Should()
            .OnlyContain(e => e.Status == QueueEntryStatus.Left && e.FinishedAtUtc != null, "as their own leave records it");
        var none = await client.PostAsync($"/testing/queue/leave-first?openingId={openingId}", null);
        none.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await none.Content.ReadAsStringAsync()).Should().Contain("No one is waiting");
    }

    private async Task<List<long>> WaitingInOrderAsync(long openingId)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        return await db.QueueEntries.Where(e => e.OpeningId == openingId && e.Status == QueueEntryStatus.Waiting && e.Sequence != null)
            .OrderBy(e => e.Sequence).Select(e => e.Id).ToListAsync();
    }

    private sealed class ClockControlPortal : PortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() => [new("Testing:ClockControl", "true")];
    }
}
