using BookingPortal.Features.Queue;
using BookingPortal.Infrastructure.Jobs;

namespace BookingPortal.Features.Insights;

public static class InsightsServiceCollectionExtensions
{
    /// <summary>The staff Insights pages: grouped queries over what the queue and the bookings record, and the live opening view.</summary>
    public static IServiceCollection AddInsights(this IServiceCollection services)
    {
        services.AddScoped<InsightsChoices>();
        services.AddScoped<OpeningInsightsQueries>();
        services.AddScoped<BookingTrendsQueries>();
        services.AddScoped<DemandQueries>();
        // The waiting rooms' broadcaster, under the interface the live opening page listens on.
        services.AddSingleton<IQueueSnapshots>(sp => sp.GetRequiredService<QueueBroadcaster>());
        services.AddScoped<LiveOpening>();
        services.AddScoped<OpeningSeatRecorder>();
        services.AddScheduledJobs(quartz => quartz.ScheduleEvery<OpeningSeatJob>(OpeningSeatJob.Key, OpeningSeatJob.Interval));
        services.AddOptions<InsightsWarmUpOptions>().BindConfiguration(InsightsWarmUpOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<InsightsWarmUpOptions>, InsightsWarmUpOptionsValidator>();
        services.AddSingleton<InsightsWarmUp>();
        services.AddHostedService(sp => sp.GetRequiredService<InsightsWarmUp>());
        return services;
    }
}
