using BookingPortal.Infrastructure.Jobs;
using Quartz;

namespace BookingPortal.Features.Admin;

/// <summary>Thin on purpose: the work and its exactly-once guarantee live in FrontDeskService.</summary>
public sealed class NoShowJob(FrontDeskService frontDesk) : DelegatingJob(frontDesk.SweepNoShowsAsync)
{
    public static readonly JobKey Key = new(nameof(NoShowJob), "admin");
}
