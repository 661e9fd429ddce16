using BookingPortal.Infrastructure.Jobs;
using Quartz;

namespace BookingPortal.Features.Queue;

public static class QueueServiceCollectionExtensions
{
    public static IServiceCollection AddQueue(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddDeclaredServices(typeof(QueueServiceCollectionExtensions));
        services.AddHostedService(sp => sp.GetRequiredService<QueueBroadcaster>());
        services.AddScheduledJobs(quartz => quartz.AddQueueJobs());
        services.AddOptions<ProofOfWorkOptions>().BindConfiguration(ProofOfWorkOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProofOfWorkOptions>, ProofOfWorkOptionsValidator>();
        return services;
    }

    private static IQuartzBuilder AddQueueJobs(this IQuartzBuilder quartz) =>
        quartz.ScheduleEvery<AdmissionJob>(AdmissionJob.Key, TimeSpan.FromSeconds(2));
}
