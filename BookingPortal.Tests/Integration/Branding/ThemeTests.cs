using System.Net;
using BookingPortal.Tests.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BookingPortal.Tests.Integration.Branding;

public class ThemeTests
{
    [Fact]
    public async Task The_configured_brand_colour_is_the_portals_primary_colour()
    {
        await using var factory = new BrandedFactory("#1b5e20");
        using var client = factory.CreateClient();

        var html = await client.GetStringAsync("/services");

        html.Should().Contain("--mud-palette-primary: rgba(27,94,32,1)").And.NotContain("--mud-palette-primary: rgba(11,92,173,1)");
    }

    [Fact]
    public async Task The_portal_does_not_start_with_a_brand_colour_too_light_for_white_text()
    {
        await using var factory = new BrandedFactory("#ffcc00");

        var start = () => factory.CreateClient();

        start.Should().Throw<Exception>().WithMessage("*'Branding:PrimaryColor'*too light*");
    }

    [Fact]
    public async Task Dark_mode_is_remembered_in_a_cookie_and_every_page_then_renders_dark()
    {
        await using var factory = new PortalFactory();
        using var client = factory.CreateClient();
        using var noRedirects = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var light = await client.GetStringAsync("/services");
        var switched = await noRedirects.GetAsync("/theme?mode=dark&returnUrl=%2Fservices");
        await client.GetAsync("/theme?mode=dark");
        var dark = await client.GetStringAsync("/services/1");

        switched.StatusCode.Should().Be(HttpStatusCode.Redirect);
        switched.Headers.Location!.OriginalString.Should().Be("/services");
        switched.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith("BookingPortal.Theme=dark", StringComparison.Ordinal) && c.Contains("expires="));
        light.Should().Contain("Dark mode").And.Contain("--mud-palette-background: rgba(255,255,255,1)");
        dark.Should().Contain("Light mode").And.Contain("--mud-palette-background: rgba(26,26,39,1)");
        (await noRedirects.GetAsync("/theme?mode=purple")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    private sealed class BrandedFactory(string colour) : PortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() => [new("Branding:PrimaryColor", colour)];
    }
}
