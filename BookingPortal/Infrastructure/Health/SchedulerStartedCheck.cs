using BookingPortal.Infrastructure.Jobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace BookingPortal.Infrastructure.Health;

/// <summary>
/// Ready when the Quartz scheduler runs jobs: started, not in standby, not shut down. An instance
/// set to run no jobs is ready without it: serving pages does not depend on the scheduler.
/// </summary>
internal sealed class SchedulerStartedCheck(ISchedulerFactory schedulers, ScheduledJobsSetting jobs) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!jobs.RunsOnThisInstance)
        {
            return HealthCheckResult.Healthy($"This instance runs no scheduled jobs ({JobsServiceCollectionExtensions.RunScheduledJobsKey} is false); another instance must.");
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var status = await scheduler.GetStatus(cancellationToken);
        return status == SchedulerStatus.Running
            ? HealthCheckResult.Healthy($"Scheduler {scheduler.SchedulerInstanceId} running.")
            : HealthCheckResult.Unhealthy($"The job scheduler is not running ({status}).");
    }
}
