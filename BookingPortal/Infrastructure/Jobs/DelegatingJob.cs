using Quartz;

namespace BookingPortal.Infrastructure.Jobs;

/// <summary>
/// A Quartz job that hands each run to one method of a feature's service, where the work and its guarantees live
/// (tests and other callers use that method, not the job). Never two runs of one job at once, even on a cluster;
/// each feature still declares its jobs and schedules them in its own AddXxx().
/// </summary>
[DisallowConcurrentExecution]
public abstract class DelegatingJob(Func<CancellationToken, Task> run) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await run(cancellationToken);
}
