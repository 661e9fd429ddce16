using BookingPortal.Infrastructure.Jobs;
using Quartz;

namespace BookingPortal.Features.Approval;

public static class ApprovalServiceCollectionExtensions
{
    public static IServiceCollection AddApproval(this IServiceCollection services)
    {
        services.AddDeclaredServices(typeof(ApprovalServiceCollectionExtensions));
        services.AddScheduledJobs(quartz => quartz.AddApprovalJobs());
        return services;
    }

    /// <summary>A lapsed request's seat is back on sale (or offered to the waitlist) at most a minute after its deadline.</summary>
    private static IQuartzBuilder AddApprovalJobs(this IQuartzBuilder quartz) =>
        quartz.ScheduleEvery<ApprovalLapseJob>(ApprovalLapseJob.Key, TimeSpan.FromMinutes(1));
}
