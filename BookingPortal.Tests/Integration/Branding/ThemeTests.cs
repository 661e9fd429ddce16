namespace BookingPortal.Tests.Integration.Branding;

public class ThemeTests
{
    [Fact]
    public async Task The_configured_brand_colour_is_the_portals_primary_colour()
    {
        await using var factory = new BrandedFactory("#1b5e20");
        using var client = factory.CreateClient();

        var css = await ThemeStylesheetOfAsync(client, "/services");

        css.Should().Contain("--mud-palette-primary: rgba(27,94,32,1)").And.NotContain("--mud-palette-primary: rgba(11,92,173,1)");
    }

    [Fact]
    public async Task Pages_link_the_theme_as_a_stylesheet_browsers_keep_and_its_address_follows_its_content()
    {
        await using var plain = new PortalFactory();
        await using var branded = new BrandedFactory("#1b5e20");
        using var client = plain.CreateClient();
        using var brandedClient = branded.CreateClient();

        var html = await client.GetStringAsync("/");
        var href = ThemeHref(html);
        using var response = await client.GetAsync(href);

        html.Should().NotContain("--mud-palette-primary", "the theme is not inlined in every page");
        href.Should().MatchRegex("^theme/light\\.css\\?v=[0-9a-f]{12}$");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/css");
        response.Headers.CacheControl!.ToString().Should().Contain("max-age=31536000").And.Contain("immutable");
        (await response.Content.ReadAsStringAsync()).Should().Contain("--mud-palette-primary: rgba(11,92,173,1)").And.Contain("::-webkit-scrollbar");
        ThemeHref(await brandedClient.GetStringAsync("/")).Should().NotBe(href, "another brand colour is another stylesheet, so no browser keeps the old one");
        (await client.GetAsync("theme/purple.css")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_portal_does_not_start_with_a_brand_colour_too_light_for_white_text()
    {
        var failure = await StartupFailure.OfAsync(() => new BrandedFactory("#ffcc00"));

        failure.Should().BeAssignableTo<Exception>().Which.Message.Should().Match("*'Branding:PrimaryColor'*too light*");
    }

    [Fact]
    public async Task Dark_mode_is_remembered_in_a_cookie_and_every_page_then_renders_dark()
    {
        await using var factory = new PortalFactory();
        using var client = factory.CreateClient();
        using var noRedirects = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var light = await client.GetStringAsync("/services") + await ThemeStylesheetOfAsync(client, "/services");
        var switched = await noRedirects.GetAsync("/theme?mode=dark&returnUrl=%2Fservices");
        await client.GetAsync("/theme?mode=dark");
        var dark = await client.GetStringAsync("/services/1") + await ThemeStylesheetOfAsync(client, "/services/1");

        switched.StatusCode.Should().Be(HttpStatusCode.Redirect);
        switched.Headers.Location!.OriginalString.Should().Be("/services");
        switched.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith("BookingPortal.Theme=dark", StringComparison.Ordinal) && c.Contains("expires="));
        light.Should().Contain("Dark mode").And.Contain("--mud-palette-background: rgba(255,255,255,1)");
        dark.Should().Contain("Light mode").And.Contain("--mud-palette-background: rgba(26,26,39,1)");
        (await noRedirects.GetAsync("/theme?mode=purple")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    private static string ThemeHref(string html) =>
        Regex.Match(html, "<link rel=\"stylesheet\" href=\"(?<href>theme/[a-z]+\\.css\\?v=[0-9a-f]+)\"").Groups["href"].Value;

    /// <summary>The theme stylesheet the page at <paramref name="path"/> links to.</summary>
    private static async Task<string> ThemeStylesheetOfAsync(HttpClient client, string path) =>
        await client.GetStringAsync(ThemeHref(await client.GetStringAsync(path)));

    private sealed class BrandedFactory(string colour) : PortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() => [new("Branding:PrimaryColor", colour)];
    }
}
