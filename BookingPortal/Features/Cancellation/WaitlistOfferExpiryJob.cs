using BookingPortal.Infrastructure.Jobs;
using Quartz;

namespace BookingPortal.Features.Cancellation;

/// <summary>Thin on purpose: the work and its exactly-once guarantee live in WaitlistService.</summary>
public sealed class WaitlistOfferExpiryJob(WaitlistService waitlist) : DelegatingJob(waitlist.ExpireOffersAsync), IIntervalJob
{
    public static JobKey Key { get; } = new(nameof(WaitlistOfferExpiryJob), "cancellation");

    /// <summary>Unclaimed offers are passed on within a minute of running out.</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromMinutes(1);
}
