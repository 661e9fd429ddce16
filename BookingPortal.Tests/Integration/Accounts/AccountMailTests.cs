namespace BookingPortal.Tests.Integration.Accounts;

public class AccountMailTests : PortalSuite
{
    [Fact]
    public async Task Registering_in_Spanish_mails_a_Spanish_confirmation_through_the_outbox_and_the_link_leads_back_to_the_booking()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await client.GetAsync("/culture?culture=es-ES&returnUrl=/");
        var email = $"nueva-{Guid.NewGuid():N}@test.local";

        var registered = await client.RegisterAsync(email, returnUrl: "/services/1/book");
        var confirmationPage = await client.GetStringAsync(registered.Target());
        var mail = (await factory.MailToAsync(email)).Single();
        var confirmed = await client.GetAsync(AccountTestSupport.LinkIn(mail));
        var signedIn = await client.SignInFormAsync(email, AccountTestSupport.Password, returnUrl: "/services/1/book");

        registered.Target().Should().StartWith("/Account/RegisterConfirmation", "a confirmed address is required outside Development");
        confirmationPage.Should().NotContain("development-confirm-link", "the shortcut that confirms any address exists only in Development");
        (mail.Kind, mail.Channel, mail.Status).Should().Be((NotificationKind.ConfirmEmail, NotificationChannel.Email, OutboxStatus.Pending));
        mail.Subject.Should().Be("Confirme su dirección de correo");
        WebUtility.HtmlDecode(mail.HtmlBody).Should().Contain("lang=\"es\"").And.Contain("Confirmar mi dirección");
        AccountTestSupport.LinkIn(mail).Should().Contain("returnUrl=%2Fservices%2F1%2Fbook");
        confirmed.Target().Should().Be("/Account/Login?returnUrl=%2Fservices%2F1%2Fbook", "a browser not signed in signs in, then goes on to the booking");
        signedIn.Target().Should().Be("/services/1/book");
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        (user.EmailConfirmed, user.PreferredCulture).Should().Be((true, "es-ES"));
    }

    [Fact]
    public async Task Register_forgot_password_and_resend_answer_the_same_whether_or_not_the_address_has_an_account()
    {
        var existing = await factory.CreateSignInCustomerAsync();
        var unknown = $"nobody-{Guid.NewGuid():N}@test.local";
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var registerExisting = await client.RegisterAsync(existing.Email);
        var registerUnknown = await client.RegisterAsync(unknown);
        var forgotExisting = await client.SubmitFormAsync("/Account/ForgotPassword", new() { ["Input.Email"] = existing.Email });
        var forgotUnknown = await client.SubmitFormAsync("/Account/ForgotPassword", new() { ["Input.Email"] = $"x{unknown}" });
        var resendExisting = await client.SubmitFormAsync("/Account/ResendEmailConfirmation", new() { ["Input.Email"] = existing.Email });
        var resendUnknown = await client.SubmitFormAsync("/Account/ResendEmailConfirmation", new() { ["Input.Email"] = $"y{unknown}" });
        var pageForExisting = await client.GetAsync(registerExisting.Target());
        var pageForUnknown = await client.GetAsync(registerUnknown.Target().Replace(Uri.EscapeDataString(unknown), Uri.EscapeDataString("z" + unknown), StringComparison.Ordinal));

        registerExisting.StatusCode.Should().Be(registerUnknown.StatusCode);
        registerExisting.Target().Should().Be(registerUnknown.Target().Replace(Uri.EscapeDataString(unknown), Uri.EscapeDataString(existing.Email), StringComparison.Ordinal));
        (pageForExisting.StatusCode, pageForUnknown.StatusCode).Should().Be((HttpStatusCode.OK, HttpStatusCode.OK), "the confirmation page no longer answers 404 for an unknown address");
        (forgotExisting.StatusCode, forgotExisting.Target()).Should().Be((forgotUnknown.StatusCode, forgotUnknown.Target()));
        resendExisting.StatusCode.Should().Be(resendUnknown.StatusCode);
        Message(await resendExisting.Content.ReadAsStringAsync()).Should().Be(Message(await resendUnknown.Content.ReadAsStringAsync()));
        (await factory.MailToAsync(existing.Email)).Select(m => m.Kind).Should().Equal(
            [NotificationKind.AlreadyRegistered, NotificationKind.ResetPassword], "the owner hears of the attempt; a confirmed address gets no second confirmation");
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.Users.CountAsync(u => u.NormalizedEmail == existing.Email.ToUpperInvariant())).Should().Be(1);
    }

    [Fact]
    public async Task A_password_reset_link_from_the_outbox_sets_a_new_password()
    {
        var customer = await factory.CreateSignInCustomerAsync();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        await client.SubmitFormAsync("/Account/ForgotPassword", new() { ["Input.Email"] = customer.Email });
        var mail = (await factory.MailToAsync(customer.Email)).Single();
        var reset = await client.SubmitFormAsync(AccountTestSupport.LinkIn(mail), new()
        {
            ["Input.Email"] = customer.Email, ["Input.Password"] = "Brand#New2026", ["Input.ConfirmPassword"] = "Brand#New2026",
        });
        var signedIn = await client.SignInFormAsync(customer.Email, "Brand#New2026");

        (mail.Kind, mail.Subject).Should().Be((NotificationKind.ResetPassword, "Reset your password"));
        reset.Target().Should().StartWith("/Account/ResetPasswordConfirmation");
        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_reset_asked_for_with_a_forged_host_still_links_to_the_configured_portal_address()
    {
        var customer = await factory.CreateSignInCustomerAsync();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Host = "evil.example";

        await client.SubmitFormAsync("/Account/ForgotPassword", new() { ["Input.Email"] = customer.Email });

        var mail = (await factory.MailToAsync(customer.Email)).Single();
        mail.TextBody.Should().Contain("http://localhost:5227/Account/ResetPassword?code=").And.NotContain("evil.example");
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example/phish")]
    [InlineData("/\t/evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task Signing_in_never_returns_to_an_address_outside_the_portal(string returnUrl)
    {
        var customer = await factory.CreateSignInCustomerAsync();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var signedIn = await client.SignInFormAsync(customer.Email, customer.Password, returnUrl);

        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        signedIn.Target().Should().Be("/");
    }

    private static string Message(string page) =>
        System.Text.RegularExpressions.Regex.Match(page, "<div class=\"alert[^>]*>(?<m>[^<]*)</div>").Groups["m"].Value.Trim();
}
