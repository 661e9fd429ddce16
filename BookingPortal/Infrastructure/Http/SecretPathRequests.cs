using System.Diagnostics;

namespace BookingPortal.Infrastructure.Http;

/// <summary>
/// Outgoing requests to an address a person typed in (a webhook receiver, a private calendar feed), whose path
/// can hold its secret: a client marks them, and the trace of a marked request keeps only the scheme and host.
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
}
