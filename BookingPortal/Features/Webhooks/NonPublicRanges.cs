using System.Net;

namespace BookingPortal.Features.Webhooks;

/// <summary>
/// Address ranges a webhook may not reach. Besides the private and loopback ranges, the IPv6
/// forms that carry an IPv4 address inside them (IPv4-mapped and -compatible, NAT64, 6to4,
/// Teredo) are refused outright: a gateway on the way may turn them into any IPv4 address,
/// private ones included, and no public receiver needs to be written that way.
/// </summary>
internal static class NonPublicRanges
{
    private static readonly (IPAddress Network, int PrefixLength)[] Ranges =
    [
        (IPAddress.Parse("0.0.0.0"), 8),
        (IPAddress.Parse("10.0.0.0"), 8),
        (IPAddress.Parse("100.64.0.0"), 10), // carrier-grade NAT
        (IPAddress.Parse("127.0.0.0"), 8),
        (IPAddress.Parse("169.254.0.0"), 16), // link-local, cloud metadata
        (IPAddress.Parse("172.16.0.0"), 12),
        (IPAddress.Parse("192.0.0.0"), 24), // IETF protocol assignments
        (IPAddress.Parse("192.168.0.0"), 16),
        (IPAddress.Parse("198.18.0.0"), 15), // benchmarking
        (IPAddress.Parse("224.0.0.0"), 3), // multicast and reserved, broadcast included
        (IPAddress.Parse("::"), 96), // unspecified, loopback and IPv4-compatible
        (IPAddress.Parse("::ffff:0:0"), 96), // IPv4-mapped
        (IPAddress.Parse("64:ff9b::"), 96), // NAT64
        (IPAddress.Parse("64:ff9b:1::"), 48), // local-use NAT64
        (IPAddress.Parse("100::"), 64), // discard
        (IPAddress.Parse("2001::"), 32), // Teredo
        (IPAddress.Parse("2001:db8::"), 32), // documentation
        (IPAddress.Parse("2002::"), 16), // 6to4
        (IPAddress.Parse("fc00::"), 7), // unique local
        (IPAddress.Parse("fe80::"), 10), // link-local
        (IPAddress.Parse("fec0::"), 10), // site-local
        (IPAddress.Parse("ff00::"), 8), // multicast
    ];

    public static bool Contains(IPAddress address) => Ranges.Any(range => InRange(address, range.Network, range.PrefixLength));

    private static bool InRange(IPAddress address, IPAddress network, int prefixLength)
    {
        if (address.AddressFamily != network.AddressFamily)
        {
            return false;
        }

        var bytes = address.GetAddressBytes();
        var networkBytes = network.GetAddressBytes();
        var wholeBytes = prefixLength / 8;
        if (!bytes.AsSpan(0, wholeBytes).SequenceEqual(networkBytes.AsSpan(0, wholeBytes)))
        {
            return false;
        }

        var remainingBits = prefixLength % 8;
        var mask = (byte)(0xFF << (8 - remainingBits));
        return remainingBits == 0 || (bytes[wholeBytes] & mask) == (networkBytes[wholeBytes] & mask);
    }
}
