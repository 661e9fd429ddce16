using System.Net;

namespace BookingPortal.Infrastructure.Hosting;

/// <summary>
/// Bound from the "ForwardedHeaders" section: the reverse proxies whose X-Forwarded-For and
/// X-Forwarded-Proto the portal believes. Empty (the default) believes nobody, so a client cannot
/// pick the address its rate limits count against, nor make a plain-http request look like https.
/// </summary>
public sealed class TrustedProxiesOptions
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Single addresses, e.g. 10.0.0.5 or fd00::5.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks in CIDR form, e.g. 10.0.0.0/24.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public bool TrustsAnyProxy => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}

internal sealed class TrustedProxiesOptionsValidator : IValidateOptions<TrustedProxiesOptions>
{
    public ValidateOptionsResult Validate(string? name, TrustedProxiesOptions options)
    {
        var section = TrustedProxiesOptions.SectionName;
        var errors = options.KnownProxies
            .Select((text, index) => IPAddress.TryParse(text, out _) ? null : $"'{section}:KnownProxies:{index}' is '{text}', not an IP address.")
            .Concat(options.KnownNetworks.Select((text, index) => IPNetwork.TryParse(text, out var network) && !IsEverything(network) ? null
                : $"'{section}:KnownNetworks:{index}' is '{text}': give a network such as 10.0.0.0/24 (not one that holds every address)."))
            .OfType<string>()
            .ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    // 0.0.0.0/0 would believe every client, which is what the setting exists to prevent.
    private static bool IsEverything(IPNetwork network) => network.PrefixLength == 0;
}
