using Microsoft.Extensions.Hosting.Internal;

namespace BookingPortal.Tests.Unit.Features.Insights;

/// <summary>The warm-up against databases that do not cooperate: it logs, gives up and lets the portal run on.</summary>
public class InsightsWarmUpGiveUpTests
{
    [Fact]
    public async Task A_database_that_does_not_answer_within_the_limit_is_given_up_on_with_a_warning()
    {
        var (warmUp, lifetime, log) = WarmUp(new SilentDatabase(), TimeSpan.FromMilliseconds(50));

        var outcome = await RunAsync(warmUp, lifetime);

        outcome.Should().Be(InsightsWarmUpOutcome.GaveUp);
        log.Entries.Should().ContainSingle(e => e.Level == LogLevel.Warning && e.Message.Contains("Insights warm-up gave up"))
            .Which.Exception.Should().BeAssignableTo<OperationCanceledException>();
    }

    [Fact]
    public async Task A_failing_database_is_logged_and_given_up_on()
    {
        var (warmUp, lifetime, log) = WarmUp(new BrokenDatabase(), TimeSpan.FromMinutes(1));

        var outcome = await RunAsync(warmUp, lifetime);

        outcome.Should().Be(InsightsWarmUpOutcome.GaveUp);
        log.Entries.Should().ContainSingle(e => e.Level == LogLevel.Warning).Which.Exception!.Message.Should().Be(BrokenDatabase.Failure);
    }

    [Fact]
    public async Task A_portal_stopped_before_it_has_started_ends_the_warm_up_quietly()
    {
        var (warmUp, _, log) = WarmUp(new BrokenDatabase(), TimeSpan.FromMinutes(1));

        await warmUp.StartAsync(CancellationToken.None);
        await warmUp.StopAsync(CancellationToken.None);

        (await warmUp.Finished.WaitAsync(TimeSpan.FromSeconds(30))).Should().Be(InsightsWarmUpOutcome.Stopped);
        log.Entries.Should().BeEmpty();
    }

    [Fact]
    public void A_limit_of_zero_is_refused_naming_the_key()
    {
        var result = new InsightsWarmUpOptionsValidator().Validate(null, new InsightsWarmUpOptions { Timeout = TimeSpan.Zero });

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("'Insights:WarmUp:Timeout'");
    }

    private static async Task<InsightsWarmUpOutcome> RunAsync(InsightsWarmUp warmUp, ApplicationLifetime lifetime)
    {
        await warmUp.StartAsync(CancellationToken.None);
        lifetime.NotifyStarted();
        var outcome = await warmUp.Finished.WaitAsync(TimeSpan.FromSeconds(30));
        await warmUp.StopAsync(CancellationToken.None);
        return outcome;
    }

    private static (InsightsWarmUp, ApplicationLifetime, CapturedLog) WarmUp(IDbContextFactory<BookingDbContext> database, TimeSpan limit)
    {
        var services = new ServiceCollection().AddLogging().AddLocalization()
            .AddSingleton(database).AddSingleton(TimeProvider.System).AddScoped<InsightsChoices>()
            .BuildServiceProvider();
        var log = new CapturedLog();
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        var warmUp = new InsightsWarmUp(services.GetRequiredService<IServiceScopeFactory>(), lifetime,
            Options.Create(new InsightsWarmUpOptions { Timeout = limit }), new LoggerFactory([log]));
        return (warmUp, lifetime, log);
    }

    /// <summary>Never answers: a database under a long lock, or far away.</summary>
    private sealed class SilentDatabase : IDbContextFactory<BookingDbContext>
    {
        public BookingDbContext CreateDbContext() => throw new NotSupportedException();

        public async Task<BookingDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new UnreachableException();
        }
    }

    private sealed class BrokenDatabase : IDbContextFactory<BookingDbContext>
    {
        public const string Failure = "The database is down.";

        public BookingDbContext CreateDbContext() => throw new InvalidOperationException(Failure);

        public Task<BookingDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            Task.FromException<BookingDbContext>(new InvalidOperationException(Failure));
    }
}
