using BookingPortal.Infrastructure.Webhooks;
using BookingPortal.Infrastructure.Hosting;

namespace BookingPortal.Features.Webhooks;

public static class WebhooksServiceCollectionExtensions
{
    /// <summary>Webhook endpoints, their outbox writer and the HTTP client their delivery channel uses (the channel is one of the outbox's, registered with the others by AddNotifications).</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<WebhooksOptions, WebhooksOptionsValidator>(configuration, WebhooksOptions.SectionName);
        services.AddDeclaredServices(typeof(WebhooksServiceCollectionExtensions));
        services.AddPublicAddressClient(WebhookChannel.ClientName);
        return services;
    }
}
