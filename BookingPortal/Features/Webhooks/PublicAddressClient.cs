using BookingPortal.Infrastructure.Http;

namespace BookingPortal.Features.Webhooks;

public static class PublicAddressClient
{
    /// <summary>
    /// A named HttpClient that connects only to addresses <see cref="WebhookUrlPolicy"/> allows, checked at every
    /// connection (so a name rebound to a private address is refused), for every outgoing call to an address staff
    /// typed in: webhook deliveries, and calendar feeds fetched from outside.
    /// </summary>
    /// <remarks>
    /// Such an address can carry its secret in the path (a private calendar feed, a chat hook's token): the
    /// client logs nothing of its own (its request log writes the path at Information level), and its traces
    /// keep only the host (<see cref="SecretPathRequests"/>).
    /// </remarks>
    public static IHttpClientBuilder AddPublicAddressClient(this IServiceCollection services, string name) =>
        services.AddHttpClient(name)
            .RemoveAllLoggers()
            .AddHttpMessageHandler(() => new SecretPathRequests.Marker())
            .ConfigureHttpClient((provider, client) => client.Timeout = TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<WebhooksOptions>>().Value.TimeoutSeconds))
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                // Redirects could lead anywhere; the policy checks every address the call connects to.
                AllowAutoRedirect = false,
                // An environment proxy (HTTPS_PROXY) would make the policy check the proxy's address
                // instead of the receiver's, and hand the proxy every request.
                UseProxy = false,
                ConnectCallback = provider.GetRequiredService<WebhookUrlPolicy>().ConnectAsync,
            });
}
