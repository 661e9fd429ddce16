using BookingPortal.Infrastructure.Jobs;

namespace BookingPortal.Features.Cancellation;

public static class CancellationServiceCollectionExtensions
{
    public static IServiceCollection AddCancellation(this IServiceCollection services) =>
        services.AddDeclaredServices(typeof(CancellationServiceCollectionExtensions))
            .AddScheduledJobs(quartz => quartz.ScheduleEvery<WaitlistOfferExpiryJob>());
}
