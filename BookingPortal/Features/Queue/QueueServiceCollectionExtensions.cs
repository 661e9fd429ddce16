using BookingPortal.Infrastructure.Jobs;
using Quartz;

namespace BookingPortal.Features.Queue;

public static class QueueServiceCollectionExtensions
{
    public static IServiceCollection AddQueue(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<QueueChangeNotifier>();
        services.AddSingleton<QueueRateLimits>();
        services.AddSingleton<QueueBroadcaster>();
        services.AddHostedService(sp => sp.GetRequiredService<QueueBroadcaster>());
        // Stateless and on a waiting customer's page: singletons, so no waiting circuit holds its own (ServiceLifetimeTests).
        services.AddSingleton<QueueService>();
        services.AddScoped<AdmissionController>();
        services.AddScheduledJobs(quartz => quartz.AddQueueJobs());
        services.AddScoped<PublishedDraws>();
        services.AddSingleton<ProofOfWorkGate>();
        services.AddScoped<TurnLinks>();
        services.AddScoped<TurnMessages>();
        services.AddSingleton<TurnMessageChoices>();
        services.AddSingleton<RankedChoiceBook>();
        services.AddOptions<ProofOfWorkOptions>().BindConfiguration(ProofOfWorkOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProofOfWorkOptions>, ProofOfWorkOptionsValidator>();
        return services;
    }

    private static IQuartzBuilder AddQueueJobs(this IQuartzBuilder quartz) =>
        quartz.ScheduleEvery<AdmissionJob>(AdmissionJob.Key, TimeSpan.FromSeconds(2));
}
