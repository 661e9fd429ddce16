namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// The portal plus one route of the test's, answered after the portal's whole pipeline: inside its exception
/// handler and behind its middleware, so the route fails, or sees the request, as any page or endpoint would.
/// </summary>
public abstract class PortalWithRoute(string path, RequestDelegate route) : PortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new AfterThePipeline(path, route)));
    }

    private sealed class AfterThePipeline(string path, RequestDelegate route) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, Func<Task> nextMiddleware) => context.Request.Path == path ? route(context) : nextMiddleware());
        };
    }
}
