using BookingPortal.Infrastructure.Telemetry;

namespace BookingPortal.Infrastructure.Hosting;

/// <summary>
/// Puts forwarded headers, HTTPS redirection, HSTS and the security headers in front of the whole
/// pipeline, ahead of the routing, authentication and authorization WebApplication adds before
/// Program.cs's own middleware: a sign-in challenge's redirect must already see https and the
/// customer's address, and carry the headers like any other response.
/// </summary>
internal sealed class HostingStartupFilter(
    IOptions<TrustedProxiesOptions> proxies, IWebHostEnvironment environment, ILogger<HostingStartupFilter> logger) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        if (proxies.Value.TrustsAnyProxy)
        {
            app.UseForwardedHeaders();
        }
        else
        {
            app.Use(WarnOnceOfAnUnnamedProxy());
        }

        if (environment.IsProduction())
        {
            // Not the probes: the load balancer and the scraper call each instance directly over http (the README's
            // set-up), and a redirect to https://127.0.0.1 either fails the probe or, followed by a lenient checker,
            // reports "up" without ever asking the database.
            app.UseWhen(context => !TelemetryServiceCollectionExtensions.IsOperatorProbe(context.Request.Path), branch => branch.UseHttpsRedirection());
        }

        if (!TestRunEnvironments.Allows(environment))
        {
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        next(app);
    };

    /// <summary>
    /// X-Forwarded-For with no proxy trusted means a proxy nobody named: every customer then looks like
    /// the proxy's one address (one rate-limit bucket for the whole clinic) and like plain http (cookies
    /// not marked Secure). Said once per pipeline (one a process), since a proxy sends it on every request.
    /// </summary>
    private Func<HttpContext, RequestDelegate, Task> WarnOnceOfAnUnnamedProxy()
    {
        var warned = 0;
        return (context, nextMiddleware) =>
        {
            // The flag first: once warned, a request costs one read, not a header lookup.
            if (Volatile.Read(ref warned) == 0 && context.Request.Headers.ContainsKey("X-Forwarded-For") && Interlocked.Exchange(ref warned, 1) == 0)
            {
                logger.LogWarning(
                    "A request from {RemoteAddress} carried X-Forwarded-For, but no proxy is trusted, so the header is ignored: every customer " +
                    "behind that proxy counts as {RemoteAddress} (one rate-limit bucket for all) over plain http (cookies not marked Secure). " +
                    "Name the proxy in '{Key}' (e.g. ForwardedHeaders__KnownProxies__0=127.0.0.1) or in '{NetworksKey}'. Logged once.",
                    context.Connection.RemoteIpAddress, context.Connection.RemoteIpAddress,
                    $"{TrustedProxiesOptions.SectionName}:KnownProxies", $"{TrustedProxiesOptions.SectionName}:KnownNetworks");
            }

            return nextMiddleware(context);
        };
    }
}
