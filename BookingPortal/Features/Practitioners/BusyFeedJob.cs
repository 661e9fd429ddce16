using BookingPortal.Infrastructure.Jobs;
using Quartz;

namespace BookingPortal.Features.Practitioners;

/// <summary>Thin on purpose: reading the outside calendars lives in BusyFeedService (each read replaces its own rows, so a repeat does no harm).</summary>
public sealed class BusyFeedJob(BusyFeedService feeds) : DelegatingJob(feeds.RefreshAllAsync)
{
    public static readonly JobKey Key = new(nameof(BusyFeedJob), "practitioners");
}
