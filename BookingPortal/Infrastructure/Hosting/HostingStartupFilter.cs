namespace BookingPortal.Infrastructure.Hosting;

/// <summary>
/// Puts forwarded headers, HTTPS redirection, HSTS and the security headers in front of the whole
/// pipeline, ahead of the routing, authentication and authorization WebApplication adds before
/// Program.cs's own middleware: a sign-in challenge's redirect must already see https and the
/// customer's address, and carry the headers like any other response.
/// </summary>
internal sealed class HostingStartupFilter(IOptions<TrustedProxiesOptions> proxies, IWebHostEnvironment environment) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        if (proxies.Value.TrustsAnyProxy)
        {
            app.UseForwardedHeaders();
        }

        if (environment.IsProduction())
        {
            app.UseHttpsRedirection();
        }

        if (!TestRunEnvironments.Allows(environment))
        {
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        next(app);
    };
}
