namespace BookingPortal.Tests.Integration.Payments;

/// <summary>Refund retries must end while Stripe still remembers the idempotency key, or a retry could refund twice.</summary>
public class RefundSettingsTests
{
    [Fact]
    public async Task Refund_attempts_past_the_cap_stop_start_up_naming_the_key()
    {
        var failure = await StartupFailure.OfAsync(() => new SettingsFactory(new KeyValuePair<string, string>("Payments:Refunds:MaxAttempts", "100000")));

        failure.Should().BeOfType<Microsoft.Extensions.Options.OptionsValidationException>()
            .Which.Message.Should().Contain("'Payments:Refunds:MaxAttempts' must be between 1 and 20 (was 100000)");
    }

    private sealed class SettingsFactory(params KeyValuePair<string, string>[] settings) : PortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() => settings;
    }
}
