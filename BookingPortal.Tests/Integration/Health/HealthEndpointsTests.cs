using BookingPortal.Infrastructure.Health;
using BookingPortal.Infrastructure.Jobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace BookingPortal.Tests.Integration.Health;

public class HealthEndpointsTests : PortalSuite
{
    [Fact]
    public async Task Live_and_ready_answer_once_the_database_is_migrated_and_the_scheduler_runs()
    {
        using var http = factory.CreateClient();

        var live = await http.GetAsync("/health/live");
        var ready = await ReadyAsync(http);

        live.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        using var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        report.RootElement.GetProperty("status").GetString().Should().Be("Healthy");
        report.RootElement.GetProperty("checks").GetProperty("database").GetProperty("description").GetString().Should().Contain("every migration applied");
        report.RootElement.GetProperty("checks").GetProperty("scheduler").GetProperty("status").GetString().Should().Be("Healthy");
    }

    /// <summary>
    /// The probe answers anyone, every few seconds, with a connection customers book with: once every migration is applied
    /// it only tries the connection (a migration this build knows of cannot come unapplied), and a database that hangs
    /// makes it Unhealthy in seconds rather than holding a connection and a request for Npgsql's half minute.
    /// </summary>
    [Fact]
    public async Task The_database_entry_asks_for_migrations_until_all_are_applied_and_gives_up_on_a_hung_database_in_seconds()
    {
        using var http = factory.CreateClient();
        (await ReadyAsync(http)).StatusCode.Should().Be(HttpStatusCode.OK);
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            // Only to tell whether the history is read again: no database loses an applied migration.
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsHistory\"");
        }

        var again = await http.GetAsync("/health/ready");
        var registration = factory.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Single(r => r.Name == "database");

        again.StatusCode.Should().Be(HttpStatusCode.OK, "the history was read once, when it had every migration");
        registration.Timeout.Should().Be(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Ready_fails_while_the_scheduler_is_on_standby_but_the_process_stays_live()
    {
        using var http = factory.CreateClient();
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        (await ReadyAsync(http)).StatusCode.Should().Be(HttpStatusCode.OK);

        await scheduler.Standby();
        var ready = await http.GetAsync("/health/ready");
        var live = await http.GetAsync("/health/live");
        await scheduler.Start();
        var readyAgain = await http.GetAsync("/health/ready");

        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync()).Should().Contain("The job scheduler is not running");
        live.StatusCode.Should().Be(HttpStatusCode.OK);
        readyAgain.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_instance_set_to_run_no_jobs_is_ready_without_a_running_scheduler_and_says_why()
    {
        await factory.StartWithoutScheduledJobsAsync();
        using var http = factory.CreateClient();

        var ready = await http.GetAsync("/health/ready");
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).Should().Contain("runs no scheduled jobs (Jobs:RunScheduledJobs is false)");
        (await scheduler.GetStatus()).Should().NotBe(SchedulerStatus.Running, "nothing fires on this instance");
    }

    [Fact]
    public async Task A_job_whose_last_run_failed_makes_ready_degraded_naming_it_for_an_hour_or_until_a_run_of_it_succeeds()
    {
        using var portal = factory.WithWebHostBuilder(b => b.ConfigureServices(services => services
            .AddSingleton<FlakyJob.Outcome>()
            .AddQuartz(quartz => quartz.AddJob<FlakyJob>(job => job.WithIdentity(FlakyJob.Key).StoreDurably()))));
        using var http = portal.CreateClient();
        var healthy = await ReadyAsync(http);
        var scheduler = await portal.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var outcome = portal.Services.GetRequiredService<FlakyJob.Outcome>();

        var degraded = await ReadyAfterRunAsync(fails: true);
        var lastRun = portal.Services.GetRequiredService<JobRunLog>().LastRun(FlakyJob.Key);
        var healthyAgain = await ReadyAfterRunAsync(fails: false);
        await ReadyAfterRunAsync(fails: true);
        factory.Clock.Advance(JobFailuresCheck.ShownFor + TimeSpan.FromMinutes(1));
        var anHourLater = await http.GetAsync("/health/ready");

        (await ReportAsync(healthy)).Should().Be(("Healthy", "Healthy"));
        degraded.StatusCode.Should().Be(HttpStatusCode.OK, "the instance still serves customers");
        (await ReportAsync(degraded)).Should().Be(("Degraded", "Degraded"));
        lastRun!.Error.Should().Contain(FlakyJob.Secret, "staff read what the job threw at /admin/jobs, not Quartz's wrapper");
        var description = JsonDocument.Parse(await degraded.Content.ReadAsStringAsync()).RootElement
            .GetProperty("checks").GetProperty("jobs").GetProperty("description").GetString();
        description.Should().Contain(FlakyJob.Key.Name).And.Contain("/admin/jobs").And.NotContain(FlakyJob.Secret, "the probe answers anyone");
        (await ReportAsync(healthyAgain)).Should().Be(("Healthy", "Healthy"));
        (await ReportAsync(anHourLater)).Jobs.Should().Be("Healthy", "a failure shows for an hour; /admin/jobs keeps it");

        async Task<HttpResponseMessage> ReadyAfterRunAsync(bool fails)
        {
            outcome.Fails = fails;
            var runs = outcome.Runs;
            await scheduler.TriggerJob(FlakyJob.Key);
            (await Poll.UntilAsync(() => Task.FromResult(outcome.Runs > runs), TimeSpan.FromSeconds(30))).Should().BeTrue("the job was triggered");
            // The run log hears of the run just after the job returns; the probe reads it.
            HttpResponseMessage? ready = null;
            var expected = fails ? "Degraded" : "Healthy";
            (await Poll.UntilAsync(async () => (await ReportAsync(ready = await http.GetAsync("/health/ready"))).Jobs == expected, TimeSpan.FromSeconds(30)))
                .Should().BeTrue($"the jobs entry turns {expected} once the run is logged");
            return ready!;
        }
    }

    private static async Task<(string Status, string Jobs)> ReportAsync(HttpResponseMessage ready)
    {
        using var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        return (report.RootElement.GetProperty("status").GetString()!, report.RootElement.GetProperty("checks").GetProperty("jobs").GetProperty("status").GetString()!);
    }

    /// <summary>A job that throws while told to, with words the probe must not repeat.</summary>
    private sealed class FlakyJob(FlakyJob.Outcome outcome) : IJob
    {
        public const string Secret = "Host=db.internal;Password=hunter2";

        public static readonly JobKey Key = new("flaky-test-job");

        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            var fails = outcome.Fails;
            outcome.Ran();
            return fails ? throw new InvalidOperationException($"Could not reach {Secret}") : ValueTask.CompletedTask;
        }

        public sealed class Outcome
        {
            private int runs;

            public bool Fails { get; set; }

            public int Runs => Volatile.Read(ref runs);

            public void Ran() => Interlocked.Increment(ref runs);
        }
    }

    /// <summary>
    /// The host answers before the scheduler has started (on the clustered store it starts after
    /// its first check-in), and readiness says so with 503 until then: wait for it, bounded.
    /// </summary>
    private static async Task<HttpResponseMessage> ReadyAsync(HttpClient http)
    {
        HttpResponseMessage? ready = null;
        await Poll.UntilAsync(async () => (ready = await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        return ready!;
    }
}

/// <summary>The health endpoints on PostgreSQL with the clustered scheduler.</summary>
public class HealthEndpointsOnPostgresTests : HealthEndpointsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
