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
    private static readonly Dictionary<Type, TimeSpan> Intervals = new()
    {
        [typeof(AdmissionJob)] = TimeSpan.FromSeconds(2),
        [typeof(OutboxDispatchJob)] = TimeSpan.FromSeconds(10),
        [typeof(OpeningSeatJob)] = TimeSpan.FromSeconds(10),
        [typeof(HoldExpiryJob)] = TimeSpan.FromSeconds(30),
        [typeof(RefundDispatchJob)] = TimeSpan.FromSeconds(30),
        [typeof(NoShowJob)] = TimeSpan.FromMinutes(1),
        [typeof(ReminderJob)] = TimeSpan.FromMinutes(1),
        [typeof(ApprovalLapseJob)] = TimeSpan.FromMinutes(1),
        [typeof(WaitlistOfferExpiryJob)] = TimeSpan.FromMinutes(1),
        [typeof(DrawCommitmentJob)] = TimeSpan.FromMinutes(1),
        [typeof(BusyFeedJob)] = TimeSpan.FromMinutes(15),
        [typeof(AttemptCounterPruneJob)] = TimeSpan.FromMinutes(15),
        [typeof(MessageRetentionJob)] = TimeSpan.FromHours(1),
    };

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
