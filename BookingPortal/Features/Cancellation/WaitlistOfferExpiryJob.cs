using BookingPortal.Features.Bookings;
using BookingPortal.Infrastructure.Jobs;
using Quartz;

namespace BookingPortal.Features.Cancellation;

/// <summary>
/// Thin on purpose: the work and its exactly-once guarantee live in WaitlistService; then the seats a freed practitioner
/// or room owes the waiting list, should a process have stopped before offering them (FreedTimeOffers.SweepAsync).
/// </summary>
public sealed class WaitlistOfferExpiryJob(WaitlistService waitlist, FreedTimeOffers freedTime) : DelegatingJob(async cancellationToken =>
{
    await waitlist.ExpireOffersAsync(cancellationToken);
    await freedTime.SweepAsync(cancellationToken);
}), IIntervalJob
{
    public static JobKey Key { get; } = new(nameof(WaitlistOfferExpiryJob), "cancellation");

    /// <summary>Unclaimed offers are passed on within a minute of running out.</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromMinutes(1);
}
