using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using BookingPortal.Infrastructure.Telemetry;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing.Patterns;

namespace BookingPortal.Infrastructure.Http;

/// <summary>
/// Addresses whose path holds a secret. Outgoing requests to an address a person typed in (a webhook receiver, a
/// private calendar feed): a client marks them, and the trace of a marked request keeps only the scheme and host.
/// Incoming requests to an endpoint whose address is its key (the portal's own calendar feed): the endpoint is
/// mapped as such, and its request's span and log lines keep the route's pattern instead of the path.
/// </summary>
public static class SecretPathRequests
{
    private static readonly HttpRequestOptionsKey<bool> Key = new("BookingPortal.SecretPath");

    /// <summary>For the HTTP client instrumentation: a marked request's span loses the path of its address.</summary>
    public static void Redact(Activity activity, HttpRequestMessage request)
    {
        if (request.Options.TryGetValue(Key, out var secret) && secret && request.RequestUri is { } address)
        {
            activity.SetTag("url.full", $"{address.Scheme}://{address.Authority}/…");
        }
    }

    /// <summary>Marks every request of the client it is added to.</summary>
    public sealed class Marker : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Options.Set(Key, true);
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>
    /// The pattern of a route whose address is its secret, protected from now on: its requests' log lines name the
    /// pattern as their path (<see cref="PortalLogScopes"/>) from the first request on, not only once routing has built
    /// its endpoints, inside a request. Map it with <see cref="WithSecretPath"/>.
    /// </summary>
    public static string SecretRoute(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern)
    {
        endpoints.ServiceProvider.GetRequiredService<PortalLogScopes>().Protect(RoutePatternFactory.Parse(pattern));
        return pattern;
    }

    /// <summary>
    /// Marks an endpoint mapped on a <see cref="SecretRoute"/> (refused on any other: its log lines would keep the
    /// secret). While it runs, its request's span gets the route's pattern as its path. Not at the span's end: a 404
    /// from the endpoint is re-executed as the not-found page, whose route that is then.
    /// </summary>
    public static TBuilder WithSecretPath<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder route && !endpoint.ApplicationServices.GetRequiredService<PortalLogScopes>().Protects(route.RoutePattern))
            {
                throw new InvalidOperationException($"Map '{route.RoutePattern.RawText}' on endpoints.SecretRoute(...): its log lines would keep the secret.");
            }
        });
        return builder.AddEndpointFilter(async (invocation, next) =>
        {
            var context = invocation.HttpContext;
            if (context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern })
            {
                context.Features.Get<IHttpActivityFeature>()?.Activity.SetTag("url.path", pattern);
            }

            return await next(invocation);
        });
    }
}
