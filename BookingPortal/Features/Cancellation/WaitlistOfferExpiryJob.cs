using BookingPortal.Infrastructure.Jobs;
using Quartz;

namespace BookingPortal.Features.Cancellation;

/// <summary>Thin on purpose: the work and its exactly-once guarantee live in WaitlistService.</summary>
public sealed class WaitlistOfferExpiryJob(WaitlistService waitlist) : DelegatingJob(waitlist.ExpireOffersAsync)
{
    public static readonly JobKey Key = new(nameof(WaitlistOfferExpiryJob), "cancellation");
}
