using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace BookingPortal.Infrastructure.Hosting;

public static class HostingServiceCollectionExtensions
{
    /// <summary>The framework's switch that believes forwarded headers from any sender.</summary>
    public const string FrameworkForwardedHeadersKey = "FORWARDEDHEADERS_ENABLED";

    /// <summary>Security headers, HSTS, forwarded headers from the configured proxies only, and the key ring encrypted at rest.</summary>
    public static WebApplicationBuilder AddPortalHosting(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue<bool>(FrameworkForwardedHeadersKey))
        {
            throw new InvalidOperationException(
                $"'ASPNETCORE_{FrameworkForwardedHeadersKey}' believes forwarded headers from anyone: remove it and name the proxies in '{TrustedProxiesOptions.SectionName}:KnownProxies' or '{TrustedProxiesOptions.SectionName}:KnownNetworks'.");
        }

        var services = builder.Services;
        services.AddValidatedOptions<SecurityHeadersOptions, SecurityHeadersOptionsValidator>(builder.Configuration, SecurityHeadersOptions.SectionName);
        services.AddValidatedOptions<TrustedProxiesOptions, TrustedProxiesOptionsValidator>(builder.Configuration, TrustedProxiesOptions.SectionName);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxiesOptions>>((forwarded, trusted) => TrustOnly(forwarded, trusted.Value));
        services.AddSingleton<ContentSecurityPolicy>();
        services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));
        services.AddTransient<IStartupFilter, HostingStartupFilter>();
        return builder.WarnOfForeignContentRoot().AddKeyRingProtection();
    }

    /// <summary>
    /// The framework trusts loopback by default, and everyone when both lists are empty; here only
    /// the configured proxies count. The chain is walked from the nearest hop while the sender is a
    /// known proxy, so a CDN in front of nginx works when both are listed, and whatever a client
    /// wrote into X-Forwarded-For itself is never reached.
    /// </summary>
    private static void TrustOnly(ForwardedHeadersOptions forwarded, TrustedProxiesOptions trusted)
    {
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        forwarded.ForwardLimit = null;
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var proxy in trusted.KnownProxies)
        {
            forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in trusted.KnownNetworks)
        {
            forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
    }
}
