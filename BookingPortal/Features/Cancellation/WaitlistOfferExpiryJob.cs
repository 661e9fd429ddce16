using BookingPortal.Infrastructure.Jobs;
using Quartz;

namespace BookingPortal.Features.Cancellation;

/// <summary>Thin on purpose: the work and its exactly-once guarantee live in WaitlistService.</summary>
public sealed class WaitlistOfferExpiryJob(WaitlistService waitlist) : DelegatingJob(waitlist.PassOnSeatsAsync), IIntervalJob
{
    public static JobKey Key { get; } = new(nameof(WaitlistOfferExpiryJob), "cancellation");

    /// <summary>Unclaimed offers are passed on, and seats still owed offered, within a minute.</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromMinutes(1);
}
