using BookingPortal.Features.Admin;
using BookingPortal.Features.Cancellation;
using BookingPortal.Features.Notifications;
using BookingPortal.Features.Payments;
using BookingPortal.Features.Queue;
using Quartz;

namespace BookingPortal.Infrastructure.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Quartz with the in-memory store (the embedded single-instance default). Each feature adds
    /// its own jobs; every job is [DisallowConcurrentExecution] and idempotent in its service.
    /// </summary>
    public static IServiceCollection AddPortalJobs(this IServiceCollection services)
    {
        // The scheduler only decides when a job runs; what the job does reads the injected
        // TimeProvider, so tests drive the work by calling the services with a fake clock.
        services.AddSingleton<JobRunLog>();
        services.AddQuartz(quartz =>
        {
            quartz.AddPaymentJobs();
            quartz.AddCancellationJobs();
            quartz.AddAdminJobs();
            quartz.AddNotificationJobs();
            quartz.AddQueueJobs();
            quartz.AddJobListener(sp => sp.GetRequiredService<JobRunLog>());
        });
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        return services;
    }
}
