using Quartz;

namespace BookingPortal.Infrastructure.Jobs;

/// <summary>
/// One feature's jobs, added by the feature's own AddXxx() and handed to Quartz by AddPortalJobs,
/// so no list of every job is kept in one place.
/// </summary>
public sealed record ScheduledJobs(Action<IQuartzBuilder> Schedule)
{
    internal static List<ScheduledJobs> RegisteredIn(IServiceCollection services) => services
        .Where(descriptor => !descriptor.IsKeyedService && descriptor.ServiceType == typeof(ScheduledJobs))
        .Select(descriptor => (ScheduledJobs)descriptor.ImplementationInstance!)
        .ToList();
}

public static class ScheduledJobsServiceCollectionExtensions
{
    /// <summary>Call from a feature's AddXxx(), before AddPortalJobs runs.</summary>
    public static IServiceCollection AddScheduledJobs(this IServiceCollection services, Action<IQuartzBuilder> schedule)
    {
        services.AddSingleton(new ScheduledJobs(schedule));
        return services;
    }
}
