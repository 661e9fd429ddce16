namespace BookingPortal.Tests.Integration.Accounts;

public class RegisterConfirmationTests : PortalSuite
{
    [Fact]
    public async Task The_check_your_email_page_carries_no_address_and_its_resend_link_mails_again_back_to_the_booking()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var email = $"private-{Guid.NewGuid():N}@test.local";

        var registered = await client.RegisterAsync(email, returnUrl: "/services/1/book");
        var page = await client.GetAsync(registered.Target());
        var html = await page.Content.ReadAsStringAsync();
        var resendPath = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"resend-confirmation\" href=\"(?<href>[^\"]+)\"").Groups["href"].Value);
        var resent = await client.SubmitFormAsync("/" + resendPath, new() { ["Input.Email"] = email });
        var mails = await factory.MailToAsync(email);

        registered.Target().Should().Be("/Account/RegisterConfirmation?returnUrl=%2Fservices%2F1%2Fbook", "the address stays out of the URL, its history and its Referer");
        registered.Headers.TryGetValues("Set-Cookie", out var cookies);
        (cookies ?? []).Should().NotContain(c => c.StartsWith("Identity.PendingConfirmation", StringComparison.Ordinal), "outside Development nothing needs the address");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("Please check your email to confirm your account.").And.NotContain(email).And.NotContain("development-confirm-link");
        resendPath.Should().Be("Account/ResendEmailConfirmation?returnUrl=%2Fservices%2F1%2Fbook");
        resent.StatusCode.Should().Be(HttpStatusCode.OK);
        mails.Should().HaveCount(2).And.OnlyContain(m => m.Kind == NotificationKind.ConfirmEmail);
        AccountTestSupport.LinkIn(mails[1]).Should().Contain("returnUrl=%2Fservices%2F1%2Fbook", "the resent link still leads back to the booking");
    }

    /// <summary>A refusal's resend link, followed while signed in: the account's own address is filled in (no typing on a phone).</summary>
    [Fact]
    public async Task The_resend_page_opened_signed_in_with_an_unconfirmed_address_fills_it_in()
    {
        var (email, client) = await factory.FreshSignedInAccountAsync();
        using var signedOut = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/Account/ResendEmailConfirmation?returnUrl=%2Fservices%2F1%2Fbook"));
        var anonymous = WebUtility.HtmlDecode(await signedOut.GetStringAsync("/Account/ResendEmailConfirmation"));
        client.Dispose();

        html.Should().Contain($"value=\"{email}\"");
        anonymous.Should().NotContain("@test.local", "nobody's address is shown to a visitor");
    }

    /// <summary>
    /// Lucía registers on the Spanish booking page; her phone opens the e-mail's link in the mail app's own browser, which
    /// has none of the portal's cookies and asks for English. Confirming, signing in and the booking page she came from
    /// answer in the language she registered in, as the e-mail itself did.
    /// </summary>
    [Fact]
    public async Task The_confirmation_link_opened_in_another_browser_goes_on_in_the_language_registered_in()
    {
        using var registering = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await registering.GetAsync("/culture?culture=es-ES&returnUrl=/");
        var email = $"lucia-{Guid.NewGuid():N}@test.local";
        (await registering.RegisterAsync(email, returnUrl: "/services/1/book")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var link = AccountTestSupport.LinkIn((await factory.MailToAsync(email)).Single(m => m.Kind == NotificationKind.ConfirmEmail));
        using var mailApp = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        mailApp.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");

        var confirmed = await mailApp.GetAsync(link);
        var signInPage = WebUtility.HtmlDecode(await mailApp.GetStringAsync(confirmed.Target()));
        var signedIn = await mailApp.SignInFormAsync(email, AccountTestSupport.Password, "/services/1/book");
        var bookPage = await mailApp.GetStringAsync(signedIn.Target());

        confirmed.Target().Should().StartWith("/Account/Login?returnUrl=%2Fservices%2F1%2Fbook");
        signInPage.Should().Contain("<html lang=\"es\"").And.Contain("Gracias por confirmar su correo electrónico. Inicie sesión para continuar.");
        signedIn.Target().Should().Be("/services/1/book");
        bookPage.Should().Contain("<html lang=\"es\"", "the booking goes on in her language, not the phone's");
    }

    [Fact]
    public async Task The_page_opened_without_registering_shows_its_message_in_Spanish_too()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await client.GetAsync("/culture?culture=es-ES&returnUrl=/");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/Account/RegisterConfirmation"));

        html.Should().Contain("Revise su correo electrónico para confirmar su cuenta.").And.Contain("vuelva a enviar el correo de confirmación");
    }
}
