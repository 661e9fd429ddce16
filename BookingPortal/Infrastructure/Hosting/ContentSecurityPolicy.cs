using Microsoft.AspNetCore.Components;

namespace BookingPortal.Infrastructure.Hosting;

/// <summary>
/// The portal's Content-Security-Policy, the same for every response, so output-cached pages stay
/// valid. Scripts come only from the portal's own files; the one inline script, Blazor's import
/// map (a browser cannot load an import map from a file), is allowed by its SHA-256 hash, which is
/// fixed for a build. No 'unsafe-eval': neither the Blazor Server circuit nor MudBlazor needs it.
/// Styles need 'unsafe-inline': MudBlazor renders style attributes (popover positions, progress
/// widths, the calendar's layout) and the circuit sets them with setAttribute, which CSP treats as
/// inline style; attributes cannot carry nonces, and hashing them would need 'unsafe-hashes' for
/// every value MudBlazor computes. Styles cannot run script, so this leaves the script policy whole.
/// </summary>
public sealed class ContentSecurityPolicy(EndpointDataSource endpoints, IOptions<SecurityHeadersOptions> options)
{
    private string? value;

    public string Value => value ??= Build();

    private string Build()
    {
        string[] directives =
        [
            "default-src 'self'",
            $"script-src 'self' {string.Join(' ', ImportMapHashes())}".TrimEnd(),
            "style-src 'self' 'unsafe-inline'",
            // Bootstrap's form controls (account pages) draw their arrows and ticks as data: images.
            "img-src 'self' data:",
            "font-src 'self'",
            // The circuit's WebSocket and the passkey script's fetches go to the portal itself.
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            $"frame-ancestors {string.Join(' ', options.Value.EffectiveFrameAncestors)}",
        ];
        return string.Join("; ", directives);
    }

    /// <summary>What the ImportMap component writes inside its script element, hashed, for each distinct map the endpoints carry.</summary>
    private IEnumerable<string> ImportMapHashes() =>
        endpoints.Endpoints
            .Select(endpoint => endpoint.Metadata.GetMetadata<ImportMapDefinition>()?.ToString())
            .OfType<string>()
            .Distinct()
            .Select(json => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(json)))}'");
}
