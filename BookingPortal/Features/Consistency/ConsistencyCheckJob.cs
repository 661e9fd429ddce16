using Quartz;

namespace BookingPortal.Features.Consistency;

/// <summary>Thin on purpose: the check, the report and the log lines live in ConsistencyMonitor.</summary>
[DisallowConcurrentExecution]
public sealed class ConsistencyCheckJob(ConsistencyMonitor monitor) : IJob
{
    public static readonly JobKey Key = new(nameof(ConsistencyCheckJob), "consistency");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await monitor.RunAndRecordAsync(cancellationToken);
}
