namespace BookingPortal.Tests.Integration.Insights;

/// <summary>The Insights warm-up in the real app, on a database with the demo data and on an empty one.</summary>
public class InsightsWarmUpTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_warm_up_runs_after_start_and_the_portal_is_ready_whether_or_not_there_is_data(bool demoData)
    {
        await using var factory = new WarmingPortal(demoData);
        using var http = factory.CreateClient();

        var outcome = await factory.Services.GetRequiredService<InsightsWarmUp>().Finished.WaitAsync(TimeSpan.FromSeconds(60));

        outcome.Should().Be(InsightsWarmUpOutcome.Warmed);
        (await Poll.UntilAsync(async () => (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30))).Should().BeTrue();
        factory.Log.Entries.Should().NotContain(e => e.Message.Contains("Insights warm-up"));
    }

    private sealed class WarmingPortal(bool demoData) : PortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() =>
            [new("Insights:WarmUp:Enabled", "true"), new("Demo:Seed", demoData ? "true" : "false")];
    }
}
