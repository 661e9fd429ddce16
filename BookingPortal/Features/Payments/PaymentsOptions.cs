using Microsoft.Extensions.Options;

namespace BookingPortal.Features.Payments;

public enum PaymentGatewayKind
{
    /// <summary>The deposit is paid at reception: bookings are confirmed at once.</summary>
    Reception,

    /// <summary>The deposit is paid by card on Stripe Checkout: bookings wait, held, until Stripe says it is paid.</summary>
    Stripe,
}

/// <summary>Bound from the "Payments" section.</summary>
public sealed class PaymentsOptions
{
    public const string SectionName = "Payments";

    public PaymentGatewayKind Gateway { get; set; } = PaymentGatewayKind.Reception;

    /// <summary>How long a seat is held while the customer pays online.</summary>
    public int HoldMinutes { get; set; } = 10;

    public StripeOptions Stripe { get; set; } = new();
}

public sealed class StripeOptions
{
    public string? SecretKey { get; set; }
    public string? WebhookSecret { get; set; }

    /// <summary>Only for tests and sandboxes: where the Stripe client sends its requests.</summary>
    public string? ApiBase { get; set; }
}

/// <summary>Start-up checks: a card gateway without its keys stops the app with the key named.</summary>
internal sealed class PaymentsOptionsValidator : IValidateOptions<PaymentsOptions>
{
    public ValidateOptionsResult Validate(string? name, PaymentsOptions options)
    {
        var errors = new List<string>();
        if (options.HoldMinutes is < 1 or > 120)
        {
            errors.Add($"'{PaymentsOptions.SectionName}:HoldMinutes' must be between 1 and 120 (was {options.HoldMinutes}).");
        }

        if (options.Gateway == PaymentGatewayKind.Stripe)
        {
            if (string.IsNullOrWhiteSpace(options.Stripe.SecretKey))
            {
                errors.Add($"'{PaymentsOptions.SectionName}:Stripe:SecretKey' is required when '{PaymentsOptions.SectionName}:Gateway' is 'Stripe'.");
            }

            if (string.IsNullOrWhiteSpace(options.Stripe.WebhookSecret))
            {
                errors.Add($"'{PaymentsOptions.SectionName}:Stripe:WebhookSecret' is required when '{PaymentsOptions.SectionName}:Gateway' is 'Stripe'.");
            }

            if (options.Stripe.ApiBase is { } apiBase && !Uri.TryCreate(apiBase, UriKind.Absolute, out _))
            {
                errors.Add($"'{PaymentsOptions.SectionName}:Stripe:ApiBase' must be an absolute URL (was '{apiBase}').");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
