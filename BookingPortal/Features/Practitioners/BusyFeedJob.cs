using Quartz;

namespace BookingPortal.Features.Practitioners;

/// <summary>Thin on purpose: reading the outside calendars lives in BusyFeedService (each read replaces its own rows, so a repeat does no harm).</summary>
[DisallowConcurrentExecution]
public sealed class BusyFeedJob(BusyFeedService feeds) : IJob
{
    public static readonly JobKey Key = new(nameof(BusyFeedJob), "practitioners");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await feeds.RefreshAllAsync(cancellationToken);
}
