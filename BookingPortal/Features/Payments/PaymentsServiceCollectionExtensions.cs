using BookingPortal.Features.Payments.Ports;
using BookingPortal.Infrastructure.Payments;
using BookingPortal.Infrastructure.Jobs;
using BookingPortal.Infrastructure.Hosting;

namespace BookingPortal.Features.Payments;

public static class PaymentsServiceCollectionExtensions
{
    public static IServiceCollection AddPayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<PaymentsOptions, PaymentsOptionsValidator>(configuration, PaymentsOptions.SectionName);
        services.AddHttpClient(nameof(StripeCardGateway));
        services.AddSingleton<IPaymentNotices, StripePaymentNotices>();
        services.AddSingleton(sp => new PayAtReceptionGateway(
            string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<PaymentsOptions>>().Value.Stripe.SecretKey)
                ? null
                : sp.GetRequiredService<StripeCardGateway>().CloseCheckoutAsync));
        services.AddSingleton<StripeCardGateway>();
        services.AddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<IOptions<PaymentsOptions>>().Value.Gateway == PaymentGatewayKind.Stripe
            ? sp.GetRequiredService<StripeCardGateway>()
            : sp.GetRequiredService<PayAtReceptionGateway>());
        services.AddHostedService<StripeKeyModeReport>();
        services.AddDeclaredServices(typeof(PaymentsServiceCollectionExtensions));
        services.AddScheduledJobs(quartz => quartz.ScheduleEvery<HoldExpiryJob>().ScheduleEvery<RefundDispatchJob>());
        return services;
    }
}
