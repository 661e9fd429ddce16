using BookingPortal.Features.Payments.Ports;
using BookingPortal.Infrastructure.Payments;
using BookingPortal.Infrastructure.Jobs;
using Quartz;
using BookingPortal.Infrastructure.Hosting;

namespace BookingPortal.Features.Payments;

public static class PaymentsServiceCollectionExtensions
{
    public static IServiceCollection AddPayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<PaymentsOptions, PaymentsOptionsValidator>(configuration, PaymentsOptions.SectionName);
        services.AddHttpClient(nameof(StripeCardGateway));
        services.AddSingleton<IPaymentNotices, StripePaymentNotices>();
        services.AddSingleton<PayAtReceptionGateway>();
        services.AddSingleton<StripeCardGateway>();
        services.AddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<IOptions<PaymentsOptions>>().Value.Gateway == PaymentGatewayKind.Stripe
            ? sp.GetRequiredService<StripeCardGateway>()
            : sp.GetRequiredService<PayAtReceptionGateway>());
        services.AddDeclaredServices(typeof(PaymentsServiceCollectionExtensions));
        services.AddScheduledJobs(quartz => quartz.AddPaymentJobs());
        return services;
    }

    /// <summary>
    /// Expired holds are swept every 30 seconds: a seat is back on sale at most that long after its hold
    /// ends. Refunds not sent at once (the provider was down, the process died) are sent by the refund
    /// job, also every 30 seconds.
    /// </summary>
    private static IQuartzBuilder AddPaymentJobs(this IQuartzBuilder quartz) =>
        quartz.ScheduleEvery<HoldExpiryJob>(HoldExpiryJob.Key, TimeSpan.FromSeconds(30))
            .ScheduleEvery<RefundDispatchJob>(RefundDispatchJob.Key, TimeSpan.FromSeconds(30));
}
