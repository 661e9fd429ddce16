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
    public static void AddPaymentJobs(this IQuartzBuilder quartz) =>
        quartz.ScheduleJob<HoldExpiryJob>(
            trigger => trigger
                .WithIdentity($"{HoldExpiryJob.Key.Name}-every-30s", HoldExpiryJob.Key.Group)
                .StartNow()
                .WithSimpleSchedule(schedule => schedule.WithInterval(TimeSpan.FromSeconds(30)).RepeatForever()),
            job => job.WithIdentity(HoldExpiryJob.Key));
}
