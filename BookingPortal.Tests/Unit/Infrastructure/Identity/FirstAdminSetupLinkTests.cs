using BookingPortal.Features.Notifications.Ports;
using BookingPortal.Infrastructure.Identity;

namespace BookingPortal.Tests.Unit.Infrastructure.Identity;

/// <summary>The first-admin link names an address that opens: the configured one, or while that is the loopback default, the one the server listens on.</summary>
public class FirstAdminSetupLinkTests
{
    [Theory]
    [InlineData("http://localhost:5000", "http://localhost:5000/")]
    [InlineData("http://0.0.0.0:8080", "http://localhost:8080/")]
    [InlineData("http://[::]:8080", "http://localhost:8080/")]
    [InlineData("http://+:80", "http://localhost/")]
    [InlineData("https://*:8443", "https://localhost:8443/")]
    public void With_the_default_loopback_address_the_link_names_the_address_the_server_listens_on(string listening, string expected) =>
        FirstAdminSetupAnnouncer.SetupLinkBase(new NotificationsOptions(), [listening, "http://127.0.0.1:9999"]).ToString().Should().Be(expected);

    [Fact]
    public void A_configured_public_address_is_named_whatever_the_server_listens_on() =>
        FirstAdminSetupAnnouncer.SetupLinkBase(new NotificationsOptions { PortalBaseUrl = "https://book.clinic.example" }, ["http://0.0.0.0:8080"])
            .ToString().Should().Be("https://book.clinic.example/");

    [Fact]
    public void A_server_that_reports_no_address_leaves_the_configured_one() =>
        FirstAdminSetupAnnouncer.SetupLinkBase(new NotificationsOptions(), []).Should().Be(new NotificationsOptions().PortalBaseUri);
}
