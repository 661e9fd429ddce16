using Quartz;

namespace BookingPortal.Features.Payments;

/// <summary>Thin on purpose: the work and its exactly-once guarantee live in HoldExpiryService.</summary>
[DisallowConcurrentExecution]
public sealed class HoldExpiryJob(HoldExpiryService holds) : IJob
{
    public static readonly JobKey Key = new(nameof(HoldExpiryJob), "payments");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await holds.ExpireDueHoldsAsync(cancellationToken);
}
