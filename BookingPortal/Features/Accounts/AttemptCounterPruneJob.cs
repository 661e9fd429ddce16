using Quartz;

namespace BookingPortal.Features.Accounts;

/// <summary>Keeps the shared attempt counters to the current windows (one instance of the cluster runs it; deleting twice is harmless).</summary>
[DisallowConcurrentExecution]
public sealed class AttemptCounterPruneJob(DatabaseAttemptWindows windows, TimeProvider time) : IJob
{
    public static readonly JobKey Key = new(nameof(AttemptCounterPruneJob), "accounts");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await windows.PruneAsync(time.GetUtcNow(), cancellationToken);
}
