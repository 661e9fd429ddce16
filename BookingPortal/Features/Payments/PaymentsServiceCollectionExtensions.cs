using BookingPortal.Infrastructure.Jobs;
using Quartz;

namespace BookingPortal.Features.Payments;

public static class PaymentsServiceCollectionExtensions
{
    public static IServiceCollection AddPayments(this IServiceCollection services)
    {
        services.AddScoped<HoldExpiryService>();
        return services;
    }

    /// <summary>Expired holds are swept every 30 seconds: a seat is back on sale at most that long after its hold ends.</summary>
    public static IQuartzBuilder AddPaymentJobs(this IQuartzBuilder quartz) =>
        quartz.ScheduleEvery<HoldExpiryJob>(HoldExpiryJob.Key, TimeSpan.FromSeconds(30));
}
