using Quartz;

namespace BookingPortal.Features.Notifications;

/// <summary>Thin on purpose: claiming, sending and recording live in OutboxDispatcher.</summary>
[DisallowConcurrentExecution]
public sealed class OutboxDispatchJob(OutboxDispatcher dispatcher) : IJob
{
    public static readonly JobKey Key = new(nameof(OutboxDispatchJob), "notifications");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await dispatcher.DispatchDueAsync(cancellationToken);
}
