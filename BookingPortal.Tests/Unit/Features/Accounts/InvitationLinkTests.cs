using BookingPortal.Features.Notifications.Ports;

namespace BookingPortal.Tests.Unit.Features.Accounts;

/// <summary>A staff invitation's link opens for the colleague: the configured portal address, or the admin's page while none is configured.</summary>
public class InvitationLinkTests
{
    [Fact]
    public void A_configured_public_address_is_used_whatever_address_the_admin_s_page_is_on() =>
        new NotificationsOptions { PortalBaseUrl = "https://book.clinic.example/" }.PortalBaseUriOr(StaffPageAddress.Value)
            .Should().Be(new Uri("https://book.clinic.example/"), "the mailed link must not follow a tunnel or an internal address");

    [Fact]
    public void With_the_loopback_default_the_admin_s_page_address_is_used() =>
        new NotificationsOptions().PortalBaseUriOr(StaffPageAddress.Value)
            .Should().Be(StaffPageAddress.Value, "a localhost link would not open on the colleague's machine");
}
