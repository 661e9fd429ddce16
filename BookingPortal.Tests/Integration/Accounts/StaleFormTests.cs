namespace BookingPortal.Tests.Integration.Accounts;

/// <summary>
/// A form posted with a token that no longer matches (a phone that dropped its session cookie, a sign-in in
/// another tab) goes back to its page with a fresh token and a reason, instead of Production's empty 400 page.
/// </summary>
public class StaleFormTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Expired = "This form had expired, so nothing was sent";

    [Theory]
    [InlineData("en", Expired)]
    [InlineData("es", "este formulario había caducado")]
    public async Task A_stale_login_form_goes_back_to_the_login_page_which_says_why_and_then_signs_in(string language, string reason)
    {
        var customer = await factory.CreateSignInCustomerAsync();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        const string page = "/Account/Login?ReturnUrl=%2Fservices";
        await client.GetStringAsync(page);

        var stale = await client.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = "a-token-from-an-earlier-session",
            ["_handler"] = "login",
            ["Input.Email"] = customer.Email,
            ["Input.Password"] = customer.Password,
        }));

        stale.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        stale.Headers.Location!.OriginalString.Should().Be(page);
        WebUtility.HtmlDecode(await client.GetStringAsync(page)).Should().Contain(reason);
        (await client.GetAsync("/my/appointments")).StatusCode.Should().Be(HttpStatusCode.Redirect, "nothing was sent: still signed out");
        var retried = await client.SubmitFormAsync(page, new()
        {
            ["Input.Email"] = customer.Email,
            ["Input.Password"] = customer.Password,
        });
        retried.Headers.Location!.AbsolutePath.Should().Be("/services", "the fresh form signs in and goes on");
    }

    [Fact]
    public async Task A_script_posting_a_booking_with_a_stale_token_is_told_400_not_sent_to_a_page()
    {
        var (_, client) = await factory.SignInNewCustomerAsync();

        var response = await client.PostAsync("/bookings", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = "stale", ["serviceId"] = "1", ["slotStartUtc"] = "2026-03-04T14:00:00Z", ["idempotencyKey"] = "k",
        }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a script following a redirect would read it as a booking made");
    }

    [Fact]
    public async Task A_stale_sign_out_goes_back_to_the_page_it_was_pressed_on_still_signed_in()
    {
        var (_, client) = await factory.SignInNewCustomerAsync();
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Logout")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = "stale", ["ReturnUrl"] = "" }),
        };
        post.Headers.Referrer = new Uri(client.BaseAddress!, "/my/appointments");

        var response = await client.SendAsync(post);

        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        response.Headers.Location!.OriginalString.Should().Be("/my/appointments");
        (await client.GetAsync("/my/appointments")).StatusCode.Should().Be(HttpStatusCode.OK, "a stale sign-out signs nobody out");
    }
}
