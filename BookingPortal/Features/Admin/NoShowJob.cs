using BookingPortal.Infrastructure.Jobs;
using Quartz;

namespace BookingPortal.Features.Admin;

/// <summary>Thin on purpose: the work and its exactly-once guarantee live in FrontDeskService.</summary>
public sealed class NoShowJob(FrontDeskService frontDesk) : DelegatingJob(frontDesk.SweepNoShowsAsync), IIntervalJob
{
    public static JobKey Key { get; } = new(nameof(NoShowJob), "admin");

    /// <summary>No-shows are marked within a minute of their grace period ending.</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromMinutes(1);
}
