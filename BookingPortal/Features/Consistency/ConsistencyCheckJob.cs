using BookingPortal.Infrastructure.Jobs;
using Quartz;

namespace BookingPortal.Features.Consistency;

/// <summary>Thin on purpose: the check, the report and the log lines live in ConsistencyMonitor.</summary>
public sealed class ConsistencyCheckJob(ConsistencyMonitor monitor) : DelegatingJob(monitor.RunAndRecordAsync)
{
    public static JobKey Key { get; } = new(nameof(ConsistencyCheckJob), "consistency");
}
