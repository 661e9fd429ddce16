using Quartz;

namespace BookingPortal.Features.Cancellation;

public static class CancellationServiceCollectionExtensions
{
    public static IServiceCollection AddCancellation(this IServiceCollection services)
    {
        services.AddScoped<CancellationService>();
        services.AddScoped<WaitlistService>();
        return services;
    }

    /// <summary>Unclaimed offers are passed on within a minute of running out.</summary>
    public static void AddCancellationJobs(this IQuartzBuilder quartz) =>
        quartz.ScheduleJob<WaitlistOfferExpiryJob>(
            trigger => trigger
                .WithIdentity($"{WaitlistOfferExpiryJob.Key.Name}-every-minute", WaitlistOfferExpiryJob.Key.Group)
                .StartNow()
                .WithSimpleSchedule(schedule => schedule.WithInterval(TimeSpan.FromMinutes(1)).RepeatForever()),
            job => job.WithIdentity(WaitlistOfferExpiryJob.Key));
}
