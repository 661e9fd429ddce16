using BookingPortal.Infrastructure.Jobs;

namespace BookingPortal.Features.Admin;

public static class AdminServiceCollectionExtensions
{
    public static IServiceCollection AddAdmin(this IServiceCollection services) =>
        services.AddDeclaredServices(typeof(AdminServiceCollectionExtensions))
            .AddScheduledJobs(quartz => quartz.ScheduleEvery<NoShowJob>());
}
