using System.Net;

namespace BookingPortal.Infrastructure.Telemetry;

/// <summary>
/// Lets only the configured scrapers read /metrics. Everyone else learns that the endpoint exists
/// but is not theirs (401 without credentials, 403 with wrong ones or from an unlisted address),
/// never a 404 that would send an operator hunting for a missing route.
/// </summary>
public sealed class ScrapeGate(RequestDelegate next, IOptions<MetricsOptions> options)
{
    private readonly byte[]? token = options.Value.ScrapeToken is { Length: > 0 } value ? Encoding.UTF8.GetBytes(value) : null;
    private readonly IReadOnlyList<IPNetwork> networks = options.Value.Networks();

    public Task InvokeAsync(HttpContext context)
    {
        var presented = BearerToken(context.Request);
        if (presented is not null && token is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), token))
        {
            return next(context);
        }

        if (presented is null && context.Connection.RemoteIpAddress is { } address && networks.Any(n => n.Contains(Unmapped(address))))
        {
            return next(context);
        }

        context.Response.StatusCode = presented is null && token is not null ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
        if (context.Response.StatusCode == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"metrics\"";
        }

        return context.Response.WriteAsync(token is null && networks.Count == 0
            ? $"No scraper is configured: set {MetricsOptions.Section}:{nameof(MetricsOptions.ScrapeToken)} or {MetricsOptions.Section}:{nameof(MetricsOptions.AllowedAddresses)}."
            : "Metrics are for the configured scrapers only.");
    }

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    private static IPAddress Unmapped(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
