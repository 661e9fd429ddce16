namespace BookingPortal.Tests.Integration.Layout;

/// <summary>The layout's chrome is plain markup now; these pin what AuthorizeView and the MudBlazor hosts used to decide.</summary>
public class PageChromeTests : PortalSuite
{
    [Fact]
    public async Task The_links_follow_who_is_signed_in_and_the_sign_out_form_carries_its_token()
    {
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
    public async Task The_header_links_and_the_pages_end_are_written_per_language_and_role()
    {
        const string Link = "class=\"mud-typography mud-link mud-inherit-text mud-link-underline-hover nav-link\"";
        var asStaff = await (await factory.SignInAsync(DemoSeeder.StaffEmail, DemoSeeder.StaffPassword)).GetStringAsync("/services");
        var spanishClient = factory.CreateClient();
        spanishClient.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Des-ES%7Cuic%3Des-ES");
        var spanish = await spanishClient.GetStringAsync("/services");
        var english = await factory.CreateClient().GetStringAsync("/services");

        asStaff.Should().Contain($"<a href=\"services\" {Link}>Services</a><a href=\"admin\" {Link}>Staff area</a><a href=\"my/appointments\" {Link}>My appointments</a>")
            .And.MatchRegex("<input type=\"hidden\" name=\"__RequestVerificationToken\" value=\"[^\"]+\" /><input type=\"hidden\" name=\"ReturnUrl\" value=\"\"><button type=\"submit\" class=\"nav-link nav-button\">Sign out</button></form>");
        spanish.Should().Contain($"<a href=\"services\" {Link}>Servicios</a><a href=\"Account/Login\" {Link}>Iniciar sesi&#xF3;n</a><a href=\"Account/Register\" {Link}>Registrarse</a>")
            .And.Contain("<span hidden id=\"render-mode\" data-interactive=\"false\"></span><div id=\"blazor-error-ui\" data-nosnippet role=\"alert\">Algo sali&#xF3; mal en esta p&#xE1;gina. <a href=\".\" class=\"reload\">Recargar</a>");
        english.Should().Contain($">Services</a><a href=\"Account/Login\" {Link}>Sign in</a>", "each language keeps its own links")
            .And.Contain("role=\"alert\">Something went wrong on this page. <a href=\".\" class=\"reload\">Reload</a> <button type=\"button\" class=\"dismiss\" aria-label=\"Dismiss\">");
    }

    [Fact]
    public async Task The_book_page_leaves_out_the_dialog_and_popover_hosts_other_pages_have()
    {
        var (_, client) = await factory.SignInNewCustomerAsync();
        var clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);

        var book = await client.GetStringAsync($"/services/{clinic.Id}/book");
        var appointments = await client.GetStringAsync("/my/appointments");

        book.Should().Contain("data-testid=\"waiting-room\"").And.NotContain("mud-popover-provider").And.NotContain("mud-snackbar-container");
        appointments.Should().Contain("mud-popover-provider").And.Contain("mud-snackbar-container");
    }

    [Fact]
    public async Task The_language_and_theme_links_follow_the_pages_language_and_theme()
    {
        var englishLight = await factory.CreateClient().GetStringAsync("/services");
        var spanishDark = factory.CreateClient();
        spanishDark.DefaultRequestHeaders.Add("Cookie", $".AspNetCore.Culture=c%3Des-ES%7Cuic%3Des-ES; {BookingPortal.Features.Branding.BrandingServiceCollectionExtensions.ThemeCookie}=dark");
        var spanish = await spanishDark.GetStringAsync("/services");
        var englishAgain = await factory.CreateClient().GetStringAsync("/services");

        englishLight.Should().Contain("<span class=\"language-switch\" role=\"group\" aria-label=\"Language\"><span class=\"nav-link current-language\" lang=\"en-US\" aria-current=\"true\">English</span>"
            + "<a class=\"nav-link\" href=\"culture?culture=es-ES\" target=\"_top\" lang=\"es-ES\" hreflang=\"es-ES\" data-testid=\"language-es-ES\">Espa&#xF1;ol</a></span>"
            + "<a class=\"nav-link\" href=\"theme?mode=dark\" target=\"_top\" data-testid=\"theme-switch\">Dark mode</a>");
        spanish.Should().Contain("aria-label=\"Idioma\"><a class=\"nav-link\" href=\"culture?culture=en-US\" target=\"_top\" lang=\"en-US\" hreflang=\"en-US\" data-testid=\"language-en-US\">English</a>"
            + "<span class=\"nav-link current-language\" lang=\"es-ES\" aria-current=\"true\">Espa&#xF1;ol</span></span>"
            + "<a class=\"nav-link\" href=\"theme?mode=light\" target=\"_top\" data-testid=\"theme-switch\">Modo claro</a>");
        englishAgain.Should().Contain("data-testid=\"theme-switch\">Dark mode</a>", "the links are kept per language and theme, not shared between them");
    }
}
