using Quartz;

namespace BookingPortal.Features.Admin;

/// <summary>Thin on purpose: the work and its exactly-once guarantee live in FrontDeskService.</summary>
[DisallowConcurrentExecution]
public sealed class NoShowJob(FrontDeskService frontDesk) : IJob
{
    public static readonly JobKey Key = new(nameof(NoShowJob), "admin");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await frontDesk.SweepNoShowsAsync(cancellationToken);
}
