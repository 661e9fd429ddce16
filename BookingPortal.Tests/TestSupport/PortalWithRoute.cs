using Microsoft.AspNetCore.Routing;

namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// The portal plus one endpoint of the test's, for any method and without an antiforgery check (as the Stripe webhook
/// is), mapped beside the portal's own: inside its exception handler and behind its middleware, so the route fails,
/// or sees the request, as any page or endpoint would. An endpoint, not a middleware after the pipeline: routing
/// answers a POST to an address it has no endpoint for with 405 (a GET-only fallback matches every path), so a
/// middleware there would never see one.
/// </summary>
public abstract class PortalWithRoute(string path, RequestDelegate route) : PortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new BesideThePortalsEndpoints(path, route)));
    }

    private sealed class BesideThePortalsEndpoints(string path, RequestDelegate route) : IStartupFilter
    {
        // WebApplication keeps itself, the endpoint builder its routing reads, under this key while it builds.
        private const string EndpointRouteBuilderKey = "__EndpointRouteBuilder";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            var endpoints = app.Properties[EndpointRouteBuilderKey] as IEndpointRouteBuilder
                ?? throw new InvalidOperationException($"The host no longer keeps its endpoints under '{EndpointRouteBuilderKey}'.");
            endpoints.Map(path, route).DisableAntiforgery();
        };
    }
}
