namespace BookingPortal.Tests.Integration.Chaos;

/// <summary>
/// A seeded chaos run: every operation that touches a seat, an admission, an offer or money, in
/// random interleavings on the real services, then the invariants. The seed is printed first;
/// CHAOS_SEED=&lt;seed&gt; replays its schedule (the interleaving of the workers is the machine's).
/// </summary>
public class ChaosRunTests(ITestOutputHelper output) : ProviderSuite
{
    private const int Operations = 2000;
    private const int Workers = 4;

    [Fact]
    public async Task A_seeded_run_of_every_operation_at_once_leaves_the_invariants_clean_and_never_throws_to_a_caller()
    {
        var seed = ChaosSchedule.SeedFromEnvironment();
        output.WriteLine($"CHAOS_SEED={seed} ({Provider}); replay with CHAOS_SEED={seed}");
        await using var stripe = await StripeStandIn.StartAsync();
        await using var factory = new StripePortalFactory(stripe) { Provider = Provider };
        await factory.StartWithoutScheduledJobsAsync();
        var world = await ChaosWorld.CreateAsync(factory.Services, seed);

        var report = await new ChaosRun(factory.Services, world, new ChaosSettings(Workers, factory.Clock.Advance, failing => stripe.RefundOutage = failing))
            .RunAsync(ChaosSchedule.Build(seed, Operations));
        var verdict = await ChaosInvariants.CheckAsync(factory.Services);
        var owedAfterTheRun = await RefundsOutstandingAsync(factory);

        // Then the provider is back and the refund job runs as it would over the next hours: every refund owed is paid.
        stripe.RefundOutage = false;
        for (var hour = 0; hour < 24 && await RefundsOutstandingAsync(factory) > 0; hour++)
        {
            factory.Clock.Advance(TimeSpan.FromHours(1));
            await factory.Get<RefundDispatcher>().DispatchDueAsync();
        }

        var afterRefunds = await ChaosInvariants.CheckAsync(factory.Services);

        output.WriteLine(report.Table());
        output.WriteLine(verdict.IsClean ? "invariants: clean" : "INVARIANTS VIOLATED:\n" + string.Join("\n", verdict.Violations));
        foreach (var line in await ChaosInvariants.DescribeNamedBookingsAsync(factory.Services, verdict.Violations.Concat(afterRefunds.Violations)))
        {
            output.WriteLine(line);
        }
        output.WriteLine($"refunds still owed when the run ended: {owedAfterTheRun}; after the refund job caught up: {await RefundsOutstandingAsync(factory)}");
        verdict.Violations.Should().BeEmpty($"seed {seed} must leave every invariant intact");
        afterRefunds.Violations.Should().BeEmpty($"seed {seed}: once the provider answers, the refund job settles what is owed");
        (await RefundsOutstandingAsync(factory)).Should().Be(0, "every refund owed was sent");
        report.Exceptions.Select(e => $"{e.Label}: {e.Type}: {e.Message} at {e.TopFrames}").Should().BeEmpty($"seed {seed}: a refusal is an answer, an exception is not");
        report.Anomalies.Should().BeEmpty($"seed {seed}: a repeated request is answered as the first");
        report.Counts.Where(c => c.Key.Outcome == ChaosOutcome.Succeeded).Sum(c => c.Value).Should().BeGreaterThan(Operations / 4, "a run where nothing succeeds tests nothing");
    }

    private static async Task<int> RefundsOutstandingAsync(PortalFactory factory)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        return await db.RefundRequests.CountAsync(RefundRequest.IsOutstanding);
    }
}

/// <summary>The plan is a pure function of the seed, so a seed replays its run's operations.</summary>
public class ChaosScheduleTests
{
    [Fact]
    public void The_same_seed_plans_the_same_operations_and_another_seed_does_not()
    {
        var first = ChaosSchedule.Build(20261203, 500);

        ChaosSchedule.Build(20261203, 500).Should().Equal(first);
        ChaosSchedule.Build(20261204, 500).Should().NotEqual(first);
        first.Select(o => o.Kind).Distinct().Should().HaveCount(Enum.GetValues<ChaosOpKind>().Length, "500 operations cover every kind");
        first.Sum(o => o.Advance.Ticks).Should().BeCloseTo(ChaosSchedule.TotalClockAdvance.Ticks, (ulong)TimeSpan.FromSeconds(1).Ticks);
    }
}

/// <summary>The same run on PostgreSQL, where the row locks (and the deadlocks) are the server's.</summary>
public class ChaosRunOnPostgresTests(ITestOutputHelper output) : ChaosRunTests(output)
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
