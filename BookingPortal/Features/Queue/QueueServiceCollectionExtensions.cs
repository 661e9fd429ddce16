using BookingPortal.Infrastructure.Hosting;
using BookingPortal.Infrastructure.Jobs;

namespace BookingPortal.Features.Queue;

public static class QueueServiceCollectionExtensions
{
    public static IServiceCollection AddQueue(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddDeclaredServices(typeof(QueueServiceCollectionExtensions));
        services.AddHostedService(sp => sp.GetRequiredService<QueueBroadcaster>());
        services.AddScheduledJobs(quartz => quartz.ScheduleEvery<AdmissionJob>());
        services.AddValidatedOptions<ProofOfWorkOptions, ProofOfWorkOptionsValidator>(ProofOfWorkOptions.SectionName);
        return services;
    }
}
