using System.Net;

namespace BookingPortal.Infrastructure.Telemetry;

/// <summary>Who may read /metrics: a scraper presenting the bearer token, or one calling from a listed address or network.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>The bearer token a scraper sends (Authorization: Bearer ...); at least 16 characters when set.</summary>
    public string? ScrapeToken { get; set; }

    /// <summary>Addresses or CIDR networks (e.g. 10.0.0.0/8) allowed to scrape without a token.</summary>
    public List<string> AllowedAddresses { get; set; } = [];

    public const int MinimumTokenLength = 16;

    internal IReadOnlyList<IPNetwork> Networks() => AllowedAddresses.Select(ParseNetwork).ToList();

    internal static bool TryParseNetwork(string text, out IPNetwork network)
    {
        if (IPNetwork.TryParse(text, out network))
        {
            return true;
        }

        if (IPAddress.TryParse(text, out var address))
        {
            network = new IPNetwork(address, address.GetAddressBytes().Length * 8);
            return true;
        }

        return false;
    }

    private static IPNetwork ParseNetwork(string text) => TryParseNetwork(text, out var network)
        ? network
        : throw new FormatException($"'{Section}:{nameof(AllowedAddresses)}' holds '{text}', which is neither an address nor a network.");
}
