using BookingPortal.Infrastructure.Jobs;
namespace BookingPortal.Features.Releases;

public static class ReleasesServiceCollectionExtensions
{
    public static IServiceCollection AddReleases(this IServiceCollection services)
    {
        services.AddSingleton<ReleaseScheduler>();
        services.AddScoped<ReleaseService>();
        services.AddScoped<DrawCommitments>();
        services.AddHostedService<ReleaseSchedulingStartup>();
        services.AddScheduledJobs(quartz => quartz.AddReleaseJobs());
        return services;
    }
}
