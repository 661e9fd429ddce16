using BookingPortal.Features.Consistency;
using Quartz;

namespace BookingPortal.Tests.Integration.Consistency;

/// <summary>Where the check's result goes: the readiness probe, the nightly job and its log, and staff only.</summary>
public class ConsistencyMonitoringTests : PortalSuite
{
    [Fact]
    public async Task Ready_is_degraded_after_a_run_with_violations_and_healthy_after_a_clean_one_without_running_the_check_itself()
    {
        using var http = factory.CreateClient();
        var monitor = factory.Get<ConsistencyMonitor>();
        (await ReadyAsync(http)).Status.Should().Be("Healthy");
        (await ReadyAsync(http)).Consistency.Should().Contain("Not checked yet");

        (await monitor.RunAndRecordAsync()).IsClean.Should().BeTrue();
        var counter = await BreakACounterAsync(factory);
        var beforeTheNextRun = await ReadyAsync(http);
        await monitor.RunAndRecordAsync();
        var afterAViolatingRun = await ReadyAsync(http);
        await ShiftCounterAsync(factory, counter, -1);
        await monitor.RunAndRecordAsync();
        var afterACleanRun = await ReadyAsync(http);

        beforeTheNextRun.Status.Should().Be("Healthy", "the probe reads the last report; it does not run the check");
        afterAViolatingRun.Should().BeEquivalentTo(new { Code = HttpStatusCode.OK, Status = "Degraded" }, o => o.Including(r => r.Code).Including(r => r.Status));
        afterAViolatingRun.Consistency.Should().Contain("1 violation(s)").And.Contain(ConsistencyInvariants.SlotCounter);
        afterACleanRun.Status.Should().Be("Healthy");
        afterACleanRun.Consistency.Should().Contain("No violations");
    }

    [Fact]
    public async Task The_nightly_job_runs_at_half_past_three_stores_the_report_and_logs_each_violation_with_its_ids()
    {
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var trigger = (await scheduler.GetTriggersOfJob(ConsistencyCheckJob.Key)).Should().ContainSingle().Which.Should().BeAssignableTo<ICronTrigger>().Which;
        trigger.CronExpressionString.Should().Be("0 30 3 * * ?");
        trigger.TimeZone.Should().Be(TimeZoneInfo.Local);
        var counter = await BreakACounterAsync(factory);
        var ran = new JobRanListener();
        scheduler.ListenerManager.AddJobListener(ran, GroupMatcher<JobKey>.GroupEquals(ConsistencyCheckJob.Key.Group));

        await scheduler.TriggerJob(ConsistencyCheckJob.Key);
        var error = await ran.Done.Task.WaitAsync(TimeSpan.FromSeconds(60));

        error.Should().BeNull();
        var report = factory.Services.GetRequiredService<ConsistencyState>().LastReport;
        report!.Violations.Should().ContainSingle().Which.Ids.Should().Contain($"slot:{counter}");
        factory.Log.Entries.Where(e => e.Level == LogLevel.Error).Select(e => e.Message).Should().ContainSingle()
            .Which.Should().Contain($"Consistency violation {ConsistencyInvariants.SlotCounter}").And.Contain($"Ids: slot:{counter}, booking:");
    }

    [Fact]
    public async Task Only_staff_see_the_last_report_or_run_the_check()
    {
        await factory.StartWithoutScheduledJobsAsync();
        var monitor = factory.Get<ConsistencyMonitor>();
        var customer = TestData.CustomerActor((await factory.CreateCustomersAsync(1))[0]);

        var run = () => monitor.RunNowAsync(customer);
        var look = () => monitor.LastReport(customer);

        await run.Should().ThrowAsync<UnauthorizedAccessException>();
        look.Should().Throw<UnauthorizedAccessException>();
        factory.Services.GetRequiredService<ConsistencyState>().LastReport.Should().BeNull("the refused run checked nothing");
        (await monitor.RunNowAsync(await factory.StaffAsync())).IsClean.Should().BeTrue();
        monitor.LastReport(await factory.StaffAsync()).Should().NotBeNull();
    }

    /// <summary>Books one seat and counts it twice; returns the counter's id.</summary>
    private static async Task<long> BreakACounterAsync(PortalFactory factory)
    {
        var service = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var booking = await factory.BookAsNewCustomerAsync(service.Id, (await factory.BookableSlotsAsync(service))[0].StartUtc);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var counter = await db.Bookings.Where(b => b.Id == booking.Id).Select(b => b.SlotInventoryId).SingleAsync();
        await ShiftCounterAsync(factory, counter, +1);
        return counter;
    }

    private static async Task ShiftCounterAsync(PortalFactory factory, long counter, int seats)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        await db.SlotInventories.Where(i => i.Id == counter).ExecuteUpdateAsync(i => i.SetProperty(x => x.Booked, x => x.Booked + seats));
    }

    private sealed record Readiness(HttpStatusCode Code, string Status, string Consistency);

    /// <summary>The scheduler starts a moment after the host answers: wait (bounded) until the probe has more to say than that.</summary>
    private static async Task<Readiness> ReadyAsync(HttpClient http)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await http.GetAsync("/health/ready");
            if (response.StatusCode == HttpStatusCode.OK || attempt == 120)
            {
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                var consistency = body.RootElement.GetProperty("checks").GetProperty("consistency").GetProperty("description").GetString() ?? "";
                return new Readiness(response.StatusCode, body.RootElement.GetProperty("status").GetString()!, consistency);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    private sealed class JobRanListener : IJobListener
    {
        public TaskCompletionSource<JobExecutionException?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => nameof(JobRanListener);

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            Done.TrySetResult(jobException);
            return ValueTask.CompletedTask;
        }
    }
}
