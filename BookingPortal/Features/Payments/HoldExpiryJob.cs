using BookingPortal.Infrastructure.Jobs;
using Quartz;

namespace BookingPortal.Features.Payments;

/// <summary>Thin on purpose: the work and its exactly-once guarantee live in HoldExpiryService.</summary>
public sealed class HoldExpiryJob(HoldExpiryService holds) : DelegatingJob(holds.ExpireDueHoldsAsync)
{
    public static readonly JobKey Key = new(nameof(HoldExpiryJob), "payments");
}
