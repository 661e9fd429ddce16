using Quartz;

namespace BookingPortal.Features.Cancellation;

/// <summary>Thin on purpose: the work and its exactly-once guarantee live in WaitlistService.</summary>
[DisallowConcurrentExecution]
public sealed class WaitlistOfferExpiryJob(WaitlistService waitlist) : IJob
{
    public static readonly JobKey Key = new(nameof(WaitlistOfferExpiryJob), "cancellation");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await waitlist.ExpireOffersAsync(cancellationToken);
}
