using Quartz;

namespace BookingPortal.Features.Payments;

/// <summary>Thin on purpose: claiming, sending and recording live in RefundDispatcher.</summary>
[DisallowConcurrentExecution]
public sealed class RefundDispatchJob(RefundDispatcher dispatcher) : IJob
{
    public static readonly JobKey Key = new(nameof(RefundDispatchJob), "payments");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await dispatcher.DispatchDueAsync(cancellationToken);
}
