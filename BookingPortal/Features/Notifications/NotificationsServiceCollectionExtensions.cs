using BookingPortal.Features.Notifications.Ports;
using BookingPortal.Features.Bookings;
using BookingPortal.Infrastructure.Email;
using BookingPortal.Infrastructure.Jobs;
using BookingPortal.Infrastructure.Sms;
using BookingPortal.Infrastructure.Webhooks;
using BookingPortal.Infrastructure.Hosting;

namespace BookingPortal.Features.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<NotificationsOptions, NotificationsOptionsValidator>(configuration, NotificationsOptions.SectionName);
        services.AddDeclaredServices(typeof(NotificationsServiceCollectionExtensions));
        services.AddSingleton<IWaitlistOfferNotice>(provider => provider.GetRequiredService<NotificationOutbox>());

        // A provider that hangs must not hold a claimed message past its claim timeout.
        services.AddHttpClient(nameof(SendGridEmailChannel), client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddTransient<TwilioBaseUrlHandler>();
        services.AddHttpClient(nameof(TwilioSmsChannel), client => client.Timeout = TimeSpan.FromSeconds(30))
            .AddHttpMessageHandler<TwilioBaseUrlHandler>();
        services.AddSingleton<INotificationChannel, SendGridEmailChannel>();
        services.AddSingleton<INotificationChannel, TwilioSmsChannel>();
        services.AddSingleton<INotificationChannel, WebhookChannel>();
        services.AddHostedService<DeliveryStatusReport>();
        services.AddScheduledJobs(quartz => quartz.ScheduleEvery<OutboxDispatchJob>().ScheduleEvery<ReminderJob>());
        services.AddHostedService<OutboxMetrics>();
        return services;
    }
}

/// <summary>Says at start-up which channels deliver, so an operator is never surprised that nothing went out.</summary>
internal sealed class DeliveryStatusReport(IEnumerable<INotificationChannel> channels, ILogger<DeliveryStatusReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var channel in channels)
        {
            if (channel.IsConfigured)
            {
                logger.LogInformation("{Channel} delivery is on.", channel.Channel);
            }
            else
            {
                logger.LogWarning(
                    "{Channel} delivery is off: no provider key is configured ({Key}). Messages stay in the outbox; staff see them at /admin/outbox.",
                    channel.Channel, channel.Channel == Domain.NotificationChannel.Email ? "Notifications:SendGrid:ApiKey" : "Notifications:Twilio:AccountSid");
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
