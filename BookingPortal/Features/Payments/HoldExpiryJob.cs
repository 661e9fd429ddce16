using BookingPortal.Infrastructure.Jobs;
using Quartz;

namespace BookingPortal.Features.Payments;

/// <summary>Thin on purpose: the work and its exactly-once guarantee live in HoldExpiryService.</summary>
public sealed class HoldExpiryJob(HoldExpiryService holds) : DelegatingJob(holds.ExpireDueHoldsAsync), IIntervalJob
{
    public static JobKey Key { get; } = new(nameof(HoldExpiryJob), "payments");

    /// <summary>A seat is back on sale at most 30 seconds after its hold ends.</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromSeconds(30);
}
