using BookingPortal.Infrastructure.Jobs;
using Quartz;

namespace BookingPortal.Features.Accounts;

/// <summary>Keeps the shared attempt counters to the current windows (one instance of the cluster runs it; deleting twice is harmless).</summary>
public sealed class AttemptCounterPruneJob(DatabaseAttemptWindows windows, TimeProvider time) : DelegatingJob(
    cancellationToken => windows.PruneAsync(time.GetUtcNow(), cancellationToken)), IIntervalJob
{
    public static JobKey Key { get; } = new(nameof(AttemptCounterPruneJob), "accounts");

    /// <summary>Ended windows are pruned every quarter hour.</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromMinutes(15);
}
