using BookingPortal.Features.Notifications.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace BookingPortal.Tests.Integration.Notifications;

/// <summary>Links in messages start with Notifications:PortalBaseUrl; Production must not send ones that point at localhost.</summary>
public class PortalAddressTests
{
    private const string SendGridKey = "Notifications:SendGrid:ApiKey";

    [Theory]
    [InlineData("Production", SendGridKey, "http://localhost:5227/", false)]
    [InlineData("Production", "Notifications:Twilio:AccountSid", "http://127.0.0.1/", false)]
    [InlineData("Production", SendGridKey, "https://portal.clinic.example/", true)]
    [InlineData("Production", null, "http://localhost:5227/", true)]
    [InlineData("Development", SendGridKey, "http://localhost:5227/", true)]
    [InlineData("Testing", SendGridKey, "http://localhost:5227/", true)]
    public void A_loopback_address_is_refused_only_in_Production_with_a_channel_on(string environment, string? channelKey, string url, bool valid)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Notifications:PortalBaseUrl"] = url, ["Notifications:Twilio:AuthToken"] = "token", ["Notifications:Twilio:FromNumber"] = "+12125550100",
            ["Notifications:SendGrid:FromEmail"] = "bookings@clinic.example",
        };
        if (channelKey is not null)
        {
            settings[channelKey] = "key";
        }

        var options = new NotificationsOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("Notifications").Bind(options);

        var result = new NotificationsOptionsValidator(new HostingEnvironment { EnvironmentName = environment }).Validate(null, options);

        result.Succeeded.Should().Be(valid, result.FailureMessage);
        if (!valid)
        {
            result.FailureMessage.Should().Contain("'Notifications:PortalBaseUrl'");
        }
    }

    [Theory]
    [InlineData("Production", "bookings@bookingportal.local", false)]
    [InlineData("Production", "desk@localhost", false)]
    [InlineData("Production", "bookings@clinic.example", true)]
    [InlineData("Development", "bookings@bookingportal.local", true)]
    public void E_mail_on_in_Production_needs_a_sender_on_a_real_domain(string environment, string fromEmail, bool valid)
    {
        var options = new NotificationsOptions { PortalBaseUrl = "https://portal.clinic.example/" };
        (options.SendGrid.ApiKey, options.SendGrid.FromEmail) = ("SG.key", fromEmail);

        var result = new NotificationsOptionsValidator(new HostingEnvironment { EnvironmentName = environment }).Validate(null, options);

        result.Succeeded.Should().Be(valid, result.FailureMessage);
        if (!valid)
        {
            result.FailureMessage.Should().Contain("'Notifications:SendGrid:FromEmail'").And.Contain(fromEmail);
        }
    }

    [Fact]
    public async Task Production_with_e_mail_on_and_the_default_address_does_not_start()
    {
        var failure = await StartupFailure.OfAsync(() => new ProductionFactory(new() { [SendGridKey] = "SG.test" }));

        failure.Should().BeAssignableTo<Exception>().Which.Message.Should().Match("*'Notifications:PortalBaseUrl'*");
    }

    [Theory]
    [InlineData("Production", true)]
    [InlineData("Testing", false)]
    public async Task With_no_channel_Production_warns_about_the_default_address_naming_the_key(string environment, bool warns)
    {
        var log = new CapturedLog();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(log));
        var report = new DeliveryStatusReport(
            [], Options.Create(new NotificationsOptions()), new HostingEnvironment { EnvironmentName = environment },
            new AccountRules(), loggers.CreateLogger<DeliveryStatusReport>());

        await report.StartAsync(CancellationToken.None);

        log.Entries.Any(e => e.Level == LogLevel.Warning && e.Message.Contains("'Notifications:PortalBaseUrl' is http://localhost:5227/"))
            .Should().Be(warns);
    }

    private sealed class ProductionFactory(Dictionary<string, string> settings) : PortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() => settings.Append(new("Demo:Seed", "false"));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}
