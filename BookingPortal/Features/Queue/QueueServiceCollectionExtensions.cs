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
        services.AddScoped<QueueService>();
        services.AddScoped<AdmissionController>();
        services.AddScheduledJobs(quartz => quartz.AddQueueJobs());
        services.AddScoped<PublishedDraws>();
        services.AddScoped<ProofOfWorkGate>();
        services.AddScoped<TurnLinks>();
        services.AddScoped<TurnMessages>();
        services.AddScoped<TurnMessageChoices>();
        services.AddScoped<RankedChoiceBook>();
        services.AddOptions<ProofOfWorkOptions>().BindConfiguration(ProofOfWorkOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProofOfWorkOptions>, ProofOfWorkOptionsValidator>();
        return services;
    }

    private static IQuartzBuilder AddQueueJobs(this IQuartzBuilder quartz) =>
        quartz.ScheduleEvery<AdmissionJob>(AdmissionJob.Key, TimeSpan.FromSeconds(2));
}
