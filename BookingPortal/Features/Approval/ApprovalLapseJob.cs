using BookingPortal.Infrastructure.Jobs;
using Quartz;

namespace BookingPortal.Features.Approval;

/// <summary>Thin on purpose: the work and its exactly-once guarantee live in ApprovalLapseService.</summary>
public sealed class ApprovalLapseJob(ApprovalLapseService lapses) : DelegatingJob(lapses.LapseDueAsync), IIntervalJob
{
    public static JobKey Key { get; } = new(nameof(ApprovalLapseJob), "approval");

    /// <summary>A lapsed request's seat is back on sale (or offered to the waitlist) at most a minute after its deadline.</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromMinutes(1);
}
