using BookingPortal.Infrastructure.Jobs;
using Quartz;

namespace BookingPortal.Features.Cancellation;

public static class CancellationServiceCollectionExtensions
{
    public static IServiceCollection AddCancellation(this IServiceCollection services)
    {
        services.AddDeclaredServices(typeof(CancellationServiceCollectionExtensions));
        services.AddScheduledJobs(quartz => quartz.AddCancellationJobs());
        return services;
    }

    /// <summary>Unclaimed offers are passed on within a minute of running out.</summary>
    private static IQuartzBuilder AddCancellationJobs(this IQuartzBuilder quartz) =>
        quartz.ScheduleEvery<WaitlistOfferExpiryJob>(WaitlistOfferExpiryJob.Key, TimeSpan.FromMinutes(1));
}
