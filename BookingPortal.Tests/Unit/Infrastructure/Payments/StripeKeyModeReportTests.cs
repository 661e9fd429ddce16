using BookingPortal.Features.Payments.Ports;
using BookingPortal.Infrastructure.Payments;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace BookingPortal.Tests.Unit.Infrastructure.Payments;

/// <summary>A live portal on Stripe's test mode takes no real deposit: start-up says so, naming the key.</summary>
public class StripeKeyModeReportTests
{
    [Fact]
    public void Payments_register_the_report_so_every_start_runs_it() =>
        new ServiceCollection().AddPayments(new ConfigurationBuilder().Build())
            .Should().Contain(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(StripeKeyModeReport));

    [Theory]
    [InlineData(PaymentGatewayKind.Stripe, "sk_test_51Abc", "Production", true)]
    [InlineData(PaymentGatewayKind.Stripe, "rk_test_51Abc", "Production", true)]
    [InlineData(PaymentGatewayKind.Stripe, "sk_test_51Abc", "Staging", false)]
    [InlineData(PaymentGatewayKind.Stripe, "sk_test_51Abc", "Development", false)]
    [InlineData(PaymentGatewayKind.Stripe, "sk_live_51Abc", "Production", false)]
    [InlineData(PaymentGatewayKind.Stripe, "rk_live_51Abc", "Production", false)]
    [InlineData(PaymentGatewayKind.Reception, "sk_test_51Abc", "Production", false)]
    public async Task A_test_mode_key_in_Production_is_logged_as_an_error_naming_the_key(
        PaymentGatewayKind gateway, string secretKey, string environment, bool logged)
    {
        var log = new CapturedLog();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(log));
        var options = new PaymentsOptions { Gateway = gateway, Stripe = { SecretKey = secretKey, WebhookSecret = "whsec_x" } };
        var report = new StripeKeyModeReport(Options.Create(options), new HostingEnvironment { EnvironmentName = environment }, loggers.CreateLogger<StripeKeyModeReport>());

        await report.StartAsync(CancellationToken.None);

        log.Entries.Any(e => e.Level == LogLevel.Error && e.Message.Contains("'Payments:Stripe:SecretKey' is a Stripe test-mode key")).Should().Be(logged);
    }
}
