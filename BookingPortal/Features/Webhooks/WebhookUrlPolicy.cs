using System.Net;
using System.Net.Sockets;

namespace BookingPortal.Features.Webhooks;

/// <summary>
/// Keeps webhooks from being aimed inside the portal's own network (server-side request
/// forgery): https only outside Development, and every address the host name resolves to must
/// be public. The same address check runs again when each delivery connects, so a name that
/// later resolves to a private address (DNS rebinding) is still refused.
/// </summary>
[SingletonService]
public sealed class WebhookUrlPolicy(IOptions<WebhooksOptions> options, IHostEnvironment environment)
{
    public const int MaxUrlLength = 256;

    private bool AllowsHttp => options.Value.AllowHttp || environment.IsDevelopment();

    /// <returns>Null when the URL may be used, otherwise what is wrong with it, as the error of an endpoint's Url field.</returns>
    public async Task<FieldError?> CheckAsync(string? url, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxUrlLength || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            return Refused("Give the full address, such as https://crm.example.com/hooks/bookings (up to {0} characters).", MaxUrlLength);
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && AllowsHttp))
        {
            return Refused("The address must start with https://.");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return Refused("Put no user name or password in the address; the signature proves the sender.");
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.Host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.DnsSafeHost, cancellationToken);
        }
        catch (SocketException)
        {
            return Refused("The host name {0} could not be found.", uri.Host);
        }

        if (addresses.Length == 0)
        {
            return Refused("The host name {0} could not be found.", uri.Host);
        }

        return addresses.FirstOrDefault(a => !IsAllowed(a)) is { } refused
            ? Refused("{0} is a loopback, private or link-local address ({1}); webhooks can only go to public addresses.", uri.Host, refused.ToString())
            : null;
    }

    private static FieldError Refused(string key, params object[] values) => FieldError.Of(nameof(WebhookEndpointDraft.Url), key, values);

    public bool IsAllowed(IPAddress address) => options.Value.AllowPrivateNetworks || IsPublic(address);

    /// <summary>
    /// False for loopback, private (RFC 1918, unique local), link-local (cloud metadata), carrier-grade
    /// NAT, unspecified, multicast and reserved addresses, and for every IPv6 form that wraps an IPv4
    /// address (mapped, compatible, NAT64, 6to4, Teredo).
    /// </summary>
    public static bool IsPublic(IPAddress address)
    {
        // A scope id (fe80::1%eth0) does not change which range an address is in.
        var plain = address.AddressFamily == AddressFamily.InterNetworkV6 ? new IPAddress(address.GetAddressBytes()) : address;
        return plain.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6 && !NonPublicRanges.Contains(plain);
    }

    /// <summary>Resolves and connects for the delivery client, refusing any address the policy does not allow.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(IsAllowed).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException($"Refused to connect to {host}: it resolves only to addresses webhooks may not reach.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
