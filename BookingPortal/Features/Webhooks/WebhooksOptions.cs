using BookingPortal.Infrastructure.Hosting;

namespace BookingPortal.Features.Webhooks;

/// <summary>Bound from the "Webhooks" section. Both switches exist for development and tests; production keeps them off.</summary>
public sealed class WebhooksOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Plain http:// endpoints (always allowed in Development).</summary>
    public bool AllowHttp { get; set; }

    /// <summary>Loopback, private and link-local addresses; off, so a webhook cannot be aimed at the portal's own network.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>How long one delivery may take before it counts as failed and is retried.</summary>
    public int TimeoutSeconds { get; set; } = 15;
}

internal sealed class WebhooksOptionsValidator(IHostEnvironment environment) : IValidateOptions<WebhooksOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhooksOptions options)
    {
        var errors = new OptionsErrors(WebhooksOptions.SectionName).Range(nameof(options.TimeoutSeconds), options.TimeoutSeconds, 1, 60);
        if (environment.IsProduction() && (options.AllowHttp || options.AllowPrivateNetworks))
        {
            errors.Add($"'{WebhooksOptions.SectionName}:AllowHttp' and '{WebhooksOptions.SectionName}:AllowPrivateNetworks' cannot be on in Production.");
        }

        return errors.Result;
    }
}
