using BookingPortal.Features.Payments.Ports;

namespace BookingPortal.Infrastructure.Payments;

/// <summary>
/// Says at start-up when Production takes deposits through Stripe's test mode: Checkout then refuses every real
/// card, so no deposit is ever paid and every held seat lapses, while the portal looks healthy. An Error, as for
/// confirmation mails that cannot leave: the portal is up yet useless to the customers who must pay. Staging and
/// the test runs use test keys on purpose.
/// </summary>
internal sealed class StripeKeyModeReport(IOptions<PaymentsOptions> options, IHostEnvironment environment, ILogger<StripeKeyModeReport> logger) : IHostedService
{
    private const string SecretKeyKey = $"{PaymentsOptions.SectionName}:Stripe:SecretKey";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (IsTestModeKey(options.Value) && environment.IsProduction())
        {
            logger.LogError(
                "Deposits cannot be paid: '{Key}' is a Stripe test-mode key, and test-mode Checkout refuses real cards. Set the live key (sk_live_… or rk_live_…).",
                SecretKeyKey);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Stripe's test-mode secret and restricted keys; live ones start sk_live_ and rk_live_.</summary>
    public static bool IsTestModeKey(PaymentsOptions options) =>
        options.Gateway == PaymentGatewayKind.Stripe && options.Stripe.SecretKey is { } key
        && (key.StartsWith("sk_test_", StringComparison.Ordinal) || key.StartsWith("rk_test_", StringComparison.Ordinal));
}
