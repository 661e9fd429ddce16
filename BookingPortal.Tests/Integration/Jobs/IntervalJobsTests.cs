using BookingPortal.Features.Accounts;
using BookingPortal.Features.Approval;
using BookingPortal.Features.Releases;
using BookingPortal.Infrastructure.Jobs;
using Quartz;
using Quartz.Impl.Triggers;

namespace BookingPortal.Tests.Integration.Jobs;

/// <summary>The jobs that run on an interval declare it on the job; the running portal's scheduler has each at that interval.</summary>
public class IntervalJobsTests : PortalSuite
{
    /// <summary>Pinned: the intervals the features scheduled before the jobs declared them. A change here changes how soon work is done.</summary>
    private static readonly Dictionary<TimeSpan, Type[]> JobsByInterval = new()
    {
        [TimeSpan.FromSeconds(2)] = [typeof(AdmissionJob)],
        [TimeSpan.FromSeconds(10)] = [typeof(OutboxDispatchJob), typeof(OpeningSeatJob)],
        [TimeSpan.FromSeconds(30)] = [typeof(HoldExpiryJob), typeof(RefundDispatchJob)],
        [TimeSpan.FromMinutes(1)] = [typeof(NoShowJob), typeof(ReminderJob), typeof(ApprovalLapseJob), typeof(WaitlistOfferExpiryJob), typeof(DrawCommitmentJob)],
        [TimeSpan.FromMinutes(15)] = [typeof(BusyFeedJob), typeof(AttemptCounterPruneJob), typeof(UnfinishedClosingsJob)],
        [TimeSpan.FromHours(1)] = [typeof(MessageRetentionJob)],
    };

    private static readonly Dictionary<Type, TimeSpan> Intervals = JobsByInterval
        .SelectMany(pinned => pinned.Value.Select(job => (Job: job, Interval: pinned.Key)))
        .ToDictionary(pinned => pinned.Job, pinned => pinned.Interval);

    [Fact]
    public async Task Each_interval_job_is_scheduled_from_start_up_to_repeat_at_the_interval_it_declares()
    {
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var declared = typeof(Program).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && t.IsAssignableTo(typeof(IIntervalJob))).ToList();

        declared.Should().BeEquivalentTo(Intervals.Keys);
        foreach (var job in declared)
        {
            var key = (JobKey)job.GetProperty(nameof(IIntervalJob.Key))!.GetValue(null)!;
            var interval = (TimeSpan)job.GetProperty(nameof(IIntervalJob.Interval))!.GetValue(null)!;
            interval.Should().Be(Intervals[job], job.Name);
            var triggers = await scheduler.GetTriggersOfJob(key);
            if (job == typeof(AttemptCounterPruneJob))
            {
                triggers.Should().BeEmpty("one process on SQLite keeps its attempt counters in memory, with nothing to prune");
                continue;
            }

            var trigger = triggers.Should().ContainSingle(job.Name).Which.Should().BeAssignableTo<ISimpleTrigger>().Which;
            trigger.RepeatInterval.Should().Be(interval, job.Name);
            trigger.RepeatCount.Should().Be(SimpleTriggerImpl.RepeatIndefinitely, job.Name);
        }
    }
}
