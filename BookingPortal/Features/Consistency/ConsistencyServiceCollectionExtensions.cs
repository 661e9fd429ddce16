using BookingPortal.Infrastructure.Jobs;
using BookingPortal.Infrastructure.Health;
using Quartz;

namespace BookingPortal.Features.Consistency;

public static class ConsistencyServiceCollectionExtensions
{
    public static IServiceCollection AddConsistency(this IServiceCollection services)
    {
        services.AddDeclaredServices(typeof(ConsistencyServiceCollectionExtensions));
        services.AddHealthChecks().AddCheck<ConsistencyHealthCheck>("consistency", tags: [HealthServiceCollectionExtensions.ReadyTag]);
        services.AddScheduledJobs(quartz => quartz.AddConsistencyJobs());
        return services;
    }

    /// <summary>Nightly at 03:30 server time, when the portal is quietest: the check reads every booking.</summary>
    private static IQuartzBuilder AddConsistencyJobs(this IQuartzBuilder quartz) =>
        quartz.ScheduleJob<ConsistencyCheckJob>(
            trigger => trigger
                .WithIdentity($"{ConsistencyCheckJob.Key.Name}-nightly", ConsistencyCheckJob.Key.Group)
                .WithCronSchedule("0 30 3 * * ?", cron => cron.InTimeZone(TimeZoneInfo.Local)),
            job => job.WithIdentity(ConsistencyCheckJob.Key));
}
