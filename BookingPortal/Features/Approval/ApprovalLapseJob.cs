using Quartz;

namespace BookingPortal.Features.Approval;

/// <summary>Thin on purpose: the work and its exactly-once guarantee live in ApprovalLapseService.</summary>
[DisallowConcurrentExecution]
public sealed class ApprovalLapseJob(ApprovalLapseService lapses) : IJob
{
    public static readonly JobKey Key = new(nameof(ApprovalLapseJob), "approval");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await lapses.LapseDueAsync(cancellationToken);
}
