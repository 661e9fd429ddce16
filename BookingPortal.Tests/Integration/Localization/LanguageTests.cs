using BookingPortal.Tests.Integration.Accounts;

namespace BookingPortal.Tests.Integration.Localization;

/// <summary>The language switch: GET /culture stores the choice in the standard culture cookie, and pages answer in it.</summary>
public class LanguageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Choosing_Spanish_sets_the_culture_cookie_for_a_year_and_goes_back_to_the_page()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        var response = await client.GetAsync("/culture?culture=es-ES&returnUrl=%2Fservices%2F1");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/services/1");
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        cookie.Should().Contain("c%3Des-ES%7Cuic%3Des-ES").And.Contain("expires=").And.Contain("httponly");
        var expires = DateTimeOffset.Parse(cookie.Split("expires=")[1].Split(';')[0], System.Globalization.CultureInfo.InvariantCulture);
        expires.Should().Be(new DateTimeOffset(PortalFactory.DefaultNow.UtcDateTime.AddYears(1)), "the cookie is dated by the portal's clock");
    }

    [Fact]
    public async Task With_the_cookie_the_pages_are_in_Spanish_and_without_it_in_English()
    {
        using var client = factory.CreateClient();

        var english = await client.GetStringAsync("/services/1");
        await client.GetAsync("/culture?culture=es-ES&returnUrl=%2F");
        var spanish = await client.GetStringAsync("/services/1");
        var signIn = await client.GetStringAsync("/Account/Login");

        english.Should().Contain("<html lang=\"en\"").And.Contain("Before you book").And.Contain("$200.00");
        spanish.Should().Contain("<html lang=\"es\"").And.Contain("Antes de reservar").And.Contain("Reservar una hora")
            .And.Contain("200,00 $").And.Contain("hora de New York (America/New_York)").And.Contain("data-testid=\"language-en-US\"");
        signIn.Should().Contain("Recordarme").And.Contain("Iniciar sesi");
    }

    [Fact]
    public async Task The_account_pages_and_their_status_messages_answer_in_Spanish()
    {
        using var client = factory.CreateClient();
        await client.GetAsync("/culture?culture=es-ES&returnUrl=%2F");

        async Task<string> Page(string path) => WebUtility.HtmlDecode(await client.GetStringAsync(path));

        (await Page("/Account/ForgotPassword")).Should().Contain("¿Olvidó su contraseña?").And.Contain("Restablecer la contraseña");
        (await Page("/Account/ResetPassword?code=abc")).Should().Contain("Restablezca su contraseña.").And.Contain("Confirmar contraseña");
        (await Page("/Account/ResendEmailConfirmation")).Should().Contain("Introduzca su correo electrónico.").And.Contain(">Reenviar<");
        (await Page("/Account/Lockout")).Should().Contain("Esta cuenta se ha bloqueado; vuelva a intentarlo más tarde.");
        (await Page("/Account/AccessDenied")).Should().Contain("No tiene acceso a este recurso.");
        (await Page("/Account/ConfirmEmailChange")).Should().Contain(
            "Error: el enlace de confirmación del cambio de correo electrónico no es válido.",
            "the status message travels to the sign-in page in a cookie, accents and all");
    }

    [Fact]
    public async Task A_refused_sign_in_and_the_account_pages_errors_are_told_in_Spanish()
    {
        using var client = factory.CreateClient();
        await client.GetAsync("/culture?culture=es-ES&returnUrl=%2F");

        var refused = WebUtility.HtmlDecode(await (await client.SignInFormAsync("nobody@example.com", "Wrong#Password1")).Content.ReadAsStringAsync());
        var unknownUser = WebUtility.HtmlDecode(await client.GetStringAsync("/Account/ConfirmEmailChange?userId=nobody&email=a%40example.com&code=abc"));

        refused.Should().Contain("Error: el intento de inicio de sesión no es válido.").And.NotContain("Invalid login attempt");
        unknownUser.Should().Contain("No se encuentra el usuario con el ID 'nobody'", "the id is filled in, not shown as a placeholder");
    }

    [Fact]
    public async Task An_account_page_that_cannot_find_the_signed_in_user_says_so_in_Spanish()
    {
        var (customer, client) = await factory.SignInNewCustomerAsync();
        await client.GetAsync("/culture?culture=es-ES&returnUrl=%2F");
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            (await users.DeleteAsync((await users.FindByIdAsync(customer.Id))!)).Succeeded.Should().BeTrue();
        }

        // The cookie outlives the account until its security stamp is next checked; the page meanwhile finds no user.
        var sent = await client.GetAsync("/Account/Manage/Email");
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(sent.Target()));

        sent.Target().Should().Be("/Account/InvalidUser");
        page.Should().Contain($"Error: no se puede cargar el usuario con el ID '{customer.Id}'.");
    }

    [Fact]
    public async Task Without_a_return_address_the_switch_goes_back_to_the_page_it_was_clicked_on()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/culture?culture=es-ES");
        request.Headers.Referrer = new Uri(client.BaseAddress!, "/my/appointments?tab=past");

        var response = await client.SendAsync(request);

        response.Headers.Location!.OriginalString.Should().Be("/my/appointments?tab=past");
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example")]
    public async Task The_switch_never_sends_anyone_off_the_portal(string returnUrl)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync($"/culture?culture=en-US&returnUrl={Uri.EscapeDataString(returnUrl)}");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/");
    }

    [Fact]
    public async Task An_unknown_language_is_refused_with_the_choices_named()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/culture?culture=xx-XX&returnUrl=%2F");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("en-US").And.Contain("es-ES");
        response.Headers.Contains("Set-Cookie").Should().BeFalse();
    }
}
