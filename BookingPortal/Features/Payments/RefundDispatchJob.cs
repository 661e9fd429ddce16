using BookingPortal.Infrastructure.Jobs;
using Quartz;

namespace BookingPortal.Features.Payments;

/// <summary>Thin on purpose: claiming, sending and recording live in RefundDispatcher.</summary>
public sealed class RefundDispatchJob(RefundDispatcher dispatcher) : DelegatingJob(dispatcher.DispatchDueAsync), IIntervalJob
{
    public static JobKey Key { get; } = new(nameof(RefundDispatchJob), "payments");

    /// <summary>Refunds not sent at once (the provider was down, the process died) are sent within 30 seconds.</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromSeconds(30);
}
