using BookingPortal.Features.Queue;
using BookingPortal.Infrastructure.Hosting;
using BookingPortal.Infrastructure.Jobs;

namespace BookingPortal.Features.Insights;

public static class InsightsServiceCollectionExtensions
{
    /// <summary>The staff Insights pages: grouped queries over what the queue and the bookings record, and the live opening view.</summary>
    public static IServiceCollection AddInsights(this IServiceCollection services)
    {
        services.AddDeclaredServices(typeof(InsightsServiceCollectionExtensions));
        // The waiting rooms' broadcaster, under the interface the live opening page listens on.
        services.AddSingleton<IQueueSnapshots>(sp => sp.GetRequiredService<QueueBroadcaster>());
        services.AddScheduledJobs(quartz => quartz.ScheduleEvery<OpeningSeatJob>());
        services.AddValidatedOptions<InsightsWarmUpOptions, InsightsWarmUpOptionsValidator>(InsightsWarmUpOptions.SectionName);
        services.AddHostedService(sp => sp.GetRequiredService<InsightsWarmUp>());
        return services;
    }
}
