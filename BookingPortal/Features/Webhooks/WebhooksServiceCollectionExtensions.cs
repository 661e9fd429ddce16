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
        services.AddHttpClient(WebhookChannel.ClientName)
            .ConfigureHttpClient((provider, client) => client.Timeout = TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<WebhooksOptions>>().Value.TimeoutSeconds))
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                // Redirects could lead anywhere; the policy checks every address the delivery connects to.
                AllowAutoRedirect = false,
                // An environment proxy (HTTPS_PROXY) would make the policy check the proxy's address
                // instead of the receiver's, and hand the proxy every signed payload.
                UseProxy = false,
                ConnectCallback = provider.GetRequiredService<WebhookUrlPolicy>().ConnectAsync,
            });
        return services;
    }
}
