using BookingPortal.Infrastructure.Hosting;

namespace BookingPortal.Features.Payments.Ports;

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

    public RefundOptions Refunds { get; set; } = new();
}

/// <summary>How the refund dispatcher retries; bound from "Payments:Refunds".</summary>
public sealed class RefundOptions
{
    /// <summary>
    /// Attempts before a refund is marked Failed for staff (1–20). With the defaults the last attempt comes
    /// about 13 hours after the first, inside the 24 hours for which Stripe remembers an idempotency
    /// key, and the validator's caps keep that true for any accepted setting: while it remembers the key,
    /// a retry that overlaps an attempt Stripe is still answering is refused rather than made twice. A
    /// retry that comes later anyway (the portal down for a day) finds an earlier attempt's refund by the
    /// key in its metadata before it makes one.
    /// </summary>
    public int MaxAttempts { get; set; } = 20;

    /// <summary>The wait after the first failure; it doubles with every further failure (capped at an hour).</summary>
    public int RetryBaseDelaySeconds { get; set; } = 30;

    /// <summary>How long one call to the provider may take before it counts as failed (and is retried with the same key).</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>How long a dispatcher owns a claimed refund; after that another may take it over (the first one died). Longer than the timeout.</summary>
    public int ClaimTimeoutSeconds { get; set; } = 120;

    public int BatchSize { get; set; } = 50;
}

public sealed class StripeOptions
{
    public string? SecretKey { get; set; }
    public string? WebhookSecret { get; set; }

    /// <summary>Only for tests and sandboxes: where the Stripe client sends its requests.</summary>
    public string? ApiBase { get; set; }
}

/// <summary>Start-up checks: a card gateway without its keys stops the app with the key named.</summary>
internal sealed class PaymentsOptionsValidator(IHostEnvironment environment) : IValidateOptions<PaymentsOptions>
{
    public const int MaxRefundAttempts = 20;

    public const int MaxRefundClaimTimeoutSeconds = 600;

    public ValidateOptionsResult Validate(string? name, PaymentsOptions options)
    {
        var errors = new OptionsErrors(PaymentsOptions.SectionName).Range(nameof(options.HoldMinutes), options.HoldMinutes, 1, 120);
        ValidateRefunds(options.Refunds, errors);
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

            errors.ProviderUrl("Stripe:ApiBase", options.Stripe.ApiBase, environment.IsProduction());
        }

        return errors.Result;
    }

    private static void ValidateRefunds(RefundOptions refunds, OptionsErrors errors)
    {
        // Stripe remembers an idempotency key for 24 hours; the automatic retries stay inside them (a retry
        // after that finds the refund by its metadata, but only the key stops one that overlaps an attempt
        // Stripe is still answering). At these caps the last attempt starts at most 19 gaps after the first,
        // each one backoff (at most an hour), one lapsed claim (600 s) and one dispatcher interval (30 s):
        // 19 × 4,230 s ≈ 22.3 hours, and it ends within one more claim (RefundAndCheckoutTimingTests checks the sum).
        errors.Range("Refunds:MaxAttempts", refunds.MaxAttempts, 1, MaxRefundAttempts)
            .Range("Refunds:RetryBaseDelaySeconds", refunds.RetryBaseDelaySeconds, 1, 3600)
            .Range("Refunds:TimeoutSeconds", refunds.TimeoutSeconds, 1, 120)
            .Range("Refunds:ClaimTimeoutSeconds", refunds.ClaimTimeoutSeconds, 1, MaxRefundClaimTimeoutSeconds)
            .AtLeast("Refunds:BatchSize", refunds.BatchSize, 1);

        if (refunds.ClaimTimeoutSeconds <= refunds.TimeoutSeconds)
        {
            errors.Add($"'{PaymentsOptions.SectionName}:Refunds:ClaimTimeoutSeconds' ({refunds.ClaimTimeoutSeconds}) must be longer than '{PaymentsOptions.SectionName}:Refunds:TimeoutSeconds' ({refunds.TimeoutSeconds}), or a second dispatcher could take over a refund still being sent.");
        }
    }
}
