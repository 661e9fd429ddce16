using BookingPortal.Infrastructure.Jobs;
using Quartz;

namespace BookingPortal.Features.Approval;

/// <summary>Thin on purpose: the work and its exactly-once guarantee live in ApprovalLapseService.</summary>
public sealed class ApprovalLapseJob(ApprovalLapseService lapses) : DelegatingJob(lapses.LapseDueAsync)
{
    public static readonly JobKey Key = new(nameof(ApprovalLapseJob), "approval");
}
