using BookingPortal.Infrastructure.Jobs;
using Quartz;

namespace BookingPortal.Features.Notifications;

/// <summary>Thin on purpose: claiming, sending and recording live in OutboxDispatcher.</summary>
public sealed class OutboxDispatchJob(OutboxDispatcher dispatcher) : DelegatingJob(dispatcher.DispatchDueAsync), IIntervalJob
{
    public static JobKey Key { get; } = new(nameof(OutboxDispatchJob), "notifications");

    /// <summary>A message waits at most 10 seconds for its first try.</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromSeconds(10);
}
