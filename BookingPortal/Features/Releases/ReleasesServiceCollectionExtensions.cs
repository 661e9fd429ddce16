using BookingPortal.Infrastructure.Jobs;

namespace BookingPortal.Features.Releases;

public static class ReleasesServiceCollectionExtensions
{
    public static IServiceCollection AddReleases(this IServiceCollection services)
    {
        services.AddDeclaredServices(typeof(ReleasesServiceCollectionExtensions));
        services.AddScoped<Admin.IFollowServiceZone>(provider => provider.GetRequiredService<ReleaseService>());
        services.AddHostedService<ReleaseSchedulingStartup>();
        services.AddScheduledJobs(quartz => quartz.ScheduleEvery<DrawCommitmentJob>());
        return services;
    }
}
