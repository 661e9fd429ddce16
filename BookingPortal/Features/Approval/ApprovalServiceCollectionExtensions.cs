using BookingPortal.Infrastructure.Jobs;

namespace BookingPortal.Features.Approval;

public static class ApprovalServiceCollectionExtensions
{
    public static IServiceCollection AddApproval(this IServiceCollection services) =>
        services.AddDeclaredServices(typeof(ApprovalServiceCollectionExtensions))
            .AddScheduledJobs(quartz => quartz.ScheduleEvery<ApprovalLapseJob>());
}
