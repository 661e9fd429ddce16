using BookingPortal.Features.Notifications.Ports;
using BookingPortal.Features.Payments.Ports;
using Microsoft.Extensions.Hosting.Internal;

namespace BookingPortal.Tests.Unit.Infrastructure.Hosting;

/// <summary>
/// Where the Stripe, SendGrid and Twilio clients send their requests. An environment file copied from staging must not
/// send the live keys in clear text to another host in Production; tests and sandboxes keep any address.
/// </summary>
public class ProviderUrlTests
{
    [Theory]
    [InlineData("Production", "http://10.0.0.9:12111/", false)]
    [InlineData("Production", "http://stripe-mock.internal/", false)]
    [InlineData("Production", "https://relay.clinic.example/", true)]
    [InlineData("Production", "http://127.0.0.1:12111/", true)]
    [InlineData("Production", "http://localhost:12111/", true)]
    [InlineData("Development", "http://10.0.0.9:12111/", true)]
    public void A_provider_address_in_clear_text_to_another_host_stops_production_naming_the_key(string environment, string url, bool accepted)
    {
        var host = new HostingEnvironment { EnvironmentName = environment };

        var payments = new PaymentsOptionsValidator(host).Validate(null, new PaymentsOptions
        {
            Gateway = PaymentGatewayKind.Stripe, Stripe = { SecretKey = "sk_live_1", WebhookSecret = "whsec_1", ApiBase = url },
        });
        var messages = new NotificationsOptionsValidator(host).Validate(null, new NotificationsOptions
        {
            PortalBaseUrl = "https://portal.clinic.example/",
            SendGrid = { ApiKey = "SG.1", FromEmail = "bookings@clinic.example", BaseUrl = url },
            Twilio = { AccountSid = "AC1", AuthToken = "t", FromNumber = "+12125550100", BaseUrl = url },
        });

        payments.Succeeded.Should().Be(accepted, payments.FailureMessage);
        messages.Succeeded.Should().Be(accepted, messages.FailureMessage);
        if (!accepted)
        {
            payments.FailureMessage.Should().Contain("'Payments:Stripe:ApiBase' must be an https URL");
            messages.Failures.Should().HaveCount(2).And.Contain(f => f.Contains("'Notifications:SendGrid:BaseUrl'")).And.Contain(f => f.Contains("'Notifications:Twilio:BaseUrl'"));
        }
    }
}
