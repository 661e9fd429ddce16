using BookingPortal.Infrastructure.Jobs;
using Quartz;

namespace BookingPortal.Features.Notifications;

/// <summary>Thin on purpose: claiming, sending and recording live in OutboxDispatcher.</summary>
public sealed class OutboxDispatchJob(OutboxDispatcher dispatcher) : DelegatingJob(dispatcher.DispatchDueAsync)
{
    public static readonly JobKey Key = new(nameof(OutboxDispatchJob), "notifications");
}
