using System.Diagnostics;
using BookingPortal.Infrastructure.Telemetry;
using Microsoft.AspNetCore.Http.Features;

namespace BookingPortal.Infrastructure.Http;

/// <summary>
/// Addresses whose path holds a secret. Outgoing requests to an address a person typed in (a webhook receiver, a
/// private calendar feed): a client marks them, and the trace of a marked request keeps only the scheme and host.
/// Incoming requests to an endpoint whose address is its key (the portal's own calendar feed): the endpoint is
/// marked, and its request's span keeps the route's pattern instead of the path.
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
    /// Marks an endpoint whose address is its secret. Its request's log lines name the route's pattern as their path
    /// (<see cref="PortalLogScopes"/>), and while it runs its request's span gets the pattern as its path. Not at the
    /// span's end: a 404 from the endpoint is re-executed as the not-found page, whose route that is then.
    /// </summary>
    public static TBuilder WithSecretPath<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder route)
            {
                endpoint.ApplicationServices.GetRequiredService<PortalLogScopes>().Protect(route.RoutePattern);
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
