using BookingPortal.Infrastructure.Jobs;
using Quartz;

namespace BookingPortal.Features.Payments;

/// <summary>Thin on purpose: claiming, sending and recording live in RefundDispatcher.</summary>
public sealed class RefundDispatchJob(RefundDispatcher dispatcher) : DelegatingJob(dispatcher.DispatchDueAsync)
{
    public static readonly JobKey Key = new(nameof(RefundDispatchJob), "payments");
}
