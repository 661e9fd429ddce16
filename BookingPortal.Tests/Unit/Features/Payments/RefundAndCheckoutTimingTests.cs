using BookingPortal.Features.Payments.Ports;
using BookingPortal.Infrastructure.Payments;
using Microsoft.Extensions.Hosting.Internal;

namespace BookingPortal.Tests.Unit.Features.Payments;

public class RefundAndCheckoutTimingTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(10, 31)]
    [InlineData(30, 31)]
    [InlineData(31, 31)]
    [InlineData(32, 32)]
    [InlineData(120, 120)]
    public void A_stripe_checkout_closes_with_the_hold_but_never_sooner_than_stripe_allows(int holdMinutesLeft, int expectedMinutes)
    {
        var gateway = new StripeCardGateway(Microsoft.Extensions.Options.Options.Create(new PaymentsOptions()), null!);

        gateway.CheckoutExpiresAt(Now.AddMinutes(holdMinutesLeft), Now).Should().Be(Now.AddMinutes(expectedMinutes));
    }

    [Fact]
    public void With_the_default_settings_the_last_refund_attempt_comes_before_stripe_forgets_the_key()
    {
        var settings = new RefundOptions();
        var lastAttempt = Enumerable.Range(1, settings.MaxAttempts - 1)
            .Select(failed => DeliveryPolicy.RetryDelay(failed, TimeSpan.FromSeconds(settings.RetryBaseDelaySeconds)))
            .Aggregate(TimeSpan.Zero, (total, wait) => total + wait);

        lastAttempt.Should().BeLessThan(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(settings.ClaimTimeoutSeconds * settings.MaxAttempts),
            "Stripe keeps an idempotency key for 24 hours, and each attempt may also wait out a claim");
        settings.ClaimTimeoutSeconds.Should().BeGreaterThan(settings.TimeoutSeconds);
    }

    [Fact]
    public void At_the_validators_caps_the_last_refund_attempt_still_ends_before_stripe_forgets_the_key()
    {
        var claim = TimeSpan.FromSeconds(PaymentsOptionsValidator.MaxRefundClaimTimeoutSeconds);
        var longestGap = DeliveryPolicy.RetryDelay(PaymentsOptionsValidator.MaxRefundAttempts, TimeSpan.FromSeconds(3600)) + claim + RefundDispatchJob.Interval;

        var lastAttemptEnds = ((PaymentsOptionsValidator.MaxRefundAttempts - 1) * longestGap) + claim;

        lastAttemptEnds.Should().BeLessThan(TimeSpan.FromHours(24), "Stripe keeps an idempotency key for 24 hours");
    }

    [Theory]
    [InlineData(100_000, "MaxAttempts")]
    [InlineData(21, "MaxAttempts")]
    [InlineData(0, "MaxAttempts")]
    [InlineData(20, null)]
    public void Refund_attempts_past_the_cap_are_refused_naming_the_key(int attempts, string? refusedKey)
    {
        var result = new PaymentsOptionsValidator(new HostingEnvironment { EnvironmentName = "Development" }).Validate(null, new PaymentsOptions { Refunds = new RefundOptions { MaxAttempts = attempts } });

        result.Succeeded.Should().Be(refusedKey is null, result.FailureMessage);
        if (refusedKey is not null)
        {
            result.FailureMessage.Should().Contain($"'Payments:Refunds:{refusedKey}' must be between 1 and 20 (was {attempts})");
        }
    }
}
