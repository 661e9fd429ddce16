using BookingPortal.Data;
using BookingPortal.Tests.TestSupport;

namespace BookingPortal.Tests.Integration.Layout;

/// <summary>The layout's chrome is plain markup now; these pin what AuthorizeView and the MudBlazor hosts used to decide.</summary>
public class PageChromeTests
{
    [Fact]
    public async Task The_links_follow_who_is_signed_in_and_the_sign_out_form_carries_its_token()
    {
        await using var factory = new PortalFactory();
        var customer = await factory.CreateSignInCustomerAsync();
        var anonymous = await factory.CreateClient().GetStringAsync("/services");
        var asCustomer = await (await factory.SignInAsync(customer.Email, customer.Password)).GetStringAsync("/services");
        var asStaff = await (await factory.SignInAsync(DemoSeeder.StaffEmail, DemoSeeder.StaffPassword)).GetStringAsync("/services");

        anonymous.Should().Contain("href=\"Account/Login\"").And.Contain("href=\"Account/Register\"")
            .And.NotContain("href=\"my/appointments\"").And.NotContain("href=\"admin\"").And.NotContain("Account/Logout");
        asCustomer.Should().Contain("href=\"my/appointments\"").And.Contain("action=\"Account/Logout\"")
            .And.NotContain("href=\"admin\"").And.NotContain("href=\"Account/Login\"");
        asStaff.Should().Contain("href=\"admin\"").And.Contain("action=\"Account/Logout\"");
        asCustomer.Should().MatchRegex("<form action=\"Account/Logout\"[^>]*>\\s*<input type=\"hidden\" name=\"__RequestVerificationToken\" value=\"[^\"]+\"");
    }

    [Fact]
    public async Task The_book_page_leaves_out_the_dialog_and_popover_hosts_other_pages_have()
    {
        await using var factory = new PortalFactory();
        var customer = await factory.CreateSignInCustomerAsync();
        var client = await factory.SignInAsync(customer.Email, customer.Password);
        var clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);

        var book = await client.GetStringAsync($"/services/{clinic.Id}/book");
        var appointments = await client.GetStringAsync("/my/appointments");

        book.Should().Contain("data-testid=\"waiting-room\"").And.NotContain("mud-popover-provider").And.NotContain("mud-snackbar-container");
        appointments.Should().Contain("mud-popover-provider").And.Contain("mud-snackbar-container");
    }
}
