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
