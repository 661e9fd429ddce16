using BookingPortal.Infrastructure.Jobs;
using Quartz;

namespace BookingPortal.Features.Admin;

public static class AdminServiceCollectionExtensions
{
    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.AddDeclaredServices(typeof(AdminServiceCollectionExtensions));
        services.AddScheduledJobs(quartz => quartz.AddAdminJobs());
        return services;
    }

    /// <summary>No-shows are marked within a minute of their grace period ending.</summary>
    private static IQuartzBuilder AddAdminJobs(this IQuartzBuilder quartz) =>
        quartz.ScheduleEvery<NoShowJob>(NoShowJob.Key, TimeSpan.FromMinutes(1));
}
