using BookingPortal.Features.Webhooks.Ports;
using BookingPortal.Infrastructure.Webhooks;
using Microsoft.Extensions.Options;

namespace BookingPortal.Features.Webhooks;

public static class WebhooksServiceCollectionExtensions
{
    /// <summary>Webhook endpoints, their outbox writer and the HTTP client their delivery channel uses (the channel is one of the outbox's, registered with the others by AddNotifications).</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhooksOptions>().Bind(configuration.GetSection(WebhooksOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhooksOptions>, WebhooksOptionsValidator>();
        services.AddSingleton<WebhookUrlPolicy>();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookOutbox>();
        services.AddScoped<WebhookAdminService>();
        services.AddPublicAddressClient(WebhookChannel.ClientName);
        return services;
    }
}
