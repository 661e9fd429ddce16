using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace BookingPortal.Infrastructure.Health;

/// <summary>Ready when the Quartz scheduler runs jobs: started, not in standby, not shut down.</summary>
internal sealed class SchedulerStartedCheck(ISchedulerFactory schedulers) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var status = await scheduler.GetStatus(cancellationToken);
        return status == SchedulerStatus.Running
            ? HealthCheckResult.Healthy($"Scheduler {scheduler.SchedulerInstanceId} running.")
            : HealthCheckResult.Unhealthy($"The job scheduler is not running ({status}).");
    }
}
