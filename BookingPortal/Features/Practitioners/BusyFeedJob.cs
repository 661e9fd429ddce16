using BookingPortal.Infrastructure.Jobs;
using Quartz;

namespace BookingPortal.Features.Practitioners;

/// <summary>Thin on purpose: reading the outside calendars lives in BusyFeedService (each read replaces its own rows, so a repeat does no harm).</summary>
public sealed class BusyFeedJob(BusyFeedService feeds) : DelegatingJob(feeds.RefreshAllAsync), IIntervalJob
{
    public static JobKey Key { get; } = new(nameof(BusyFeedJob), "practitioners");

    /// <summary>Outside calendars change when their owners edit them; a quarter of an hour is as fresh as Google publishes them.</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromMinutes(15);
}
