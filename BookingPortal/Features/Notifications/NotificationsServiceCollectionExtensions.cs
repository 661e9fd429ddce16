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
internal sealed class DeliveryStatusReport(
    IEnumerable<INotificationChannel> channels, IOptions<NotificationsOptions> options, IHostEnvironment environment,
    AccountRules accountRules, ILogger<DeliveryStatusReport> logger) : IHostedService
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

        ReportLoopbackPortalAddress();
        ReportUnconfirmableAddresses();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Out of the box Production requires a confirmed address to book but sends no mail, so no new
    /// customer can ever book: an Error, not a Warning, because the portal is up yet useless to them.
    /// Test runs (Development, Testing) read no mail and confirm addresses by other means.
    /// </summary>
    private void ReportUnconfirmableAddresses()
    {
        if (accountRules.RequireConfirmedEmail && !options.Value.SendGrid.IsConfigured && !TestRunEnvironments.Allows(environment))
        {
            logger.LogError(
                "New customers cannot confirm their e-mail address, and so cannot book, join a waitlist or take a place in a draw: " +
                "'{RequireKey}' is on but e-mail delivery is off, so confirmation mails stay in the outbox. " +
                "Set '{ApiKey}' to send them, or set '{RequireKey}' to false to let unconfirmed customers book.",
                AccountRules.RequireConfirmedEmailKey, $"{NotificationsOptions.SectionName}:SendGrid:ApiKey", AccountRules.RequireConfirmedEmailKey);
        }
    }

    /// <summary>
    /// With a channel on, the options validator refuses a loopback address in Production; with none, nothing
    /// leaves yet, but the outbox's messages and the first-admin setup link already carry it.
    /// </summary>
    private void ReportLoopbackPortalAddress()
    {
        var value = options.Value;
        if (environment.IsProduction() && !value.DeliversMessages && value.PortalBaseUrlIsLoopback)
        {
            logger.LogWarning(
                "'{Key}' is {PortalBaseUrl}, this machine: links in messages and in the first-admin setup link point there. " +
                "Set it to the portal's public address before turning on e-mail or SMS delivery.",
                $"{NotificationsOptions.SectionName}:PortalBaseUrl", value.PortalBaseUrl);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
