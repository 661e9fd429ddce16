using BookingPortal.Features.Branding;

namespace BookingPortal.Tests.Unit.Features.Branding;

public class BrandingTests
{
    [Theory]
    [InlineData("#000000", "#ffffff", 21.0)]
    [InlineData("#0b5cad", "#ffffff", 6.67)]
    [InlineData("#777777", "#ffffff", 4.48)]
    public void Contrast_follows_the_WCAG_formula(string a, string b, double expected)
    {
        Colour.TryParse(a, out var first).Should().BeTrue();
        Colour.TryParse(b, out var second).Should().BeTrue();

        Colour.Contrast(first, second).Should().BeApproximately(expected, 0.05);
    }

    [Theory]
    [InlineData("#0b5cad")]
    [InlineData("#1b5e20")]
    [InlineData("#6a1b9a")]
    public void A_dark_enough_brand_colour_is_accepted(string colour) =>
        new BrandingOptionsValidator().Validate(null, new BrandingOptions { PrimaryColor = colour }).Succeeded.Should().BeTrue();

    [Theory]
    [InlineData("blue", "must be a colour written #RRGGBB")]
    [InlineData("#fff", "must be a colour written #RRGGBB")]
    [InlineData("#ffcc00", "too light for white text")]
    [InlineData("#777777", "too light for white text")]
    public void A_bad_or_too_light_brand_colour_is_refused_with_the_key_named(string colour, string reason)
    {
        var result = new BrandingOptionsValidator().Validate(null, new BrandingOptions { PrimaryColor = colour });

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("'Branding:PrimaryColor'").And.Contain(reason);
    }

    [Theory]
    [InlineData("#0b5cad")]
    [InlineData("#1b5e20")]
    [InlineData("#000000")]
    public void In_dark_mode_the_brand_colour_is_lightened_until_it_reads_on_the_dark_background(string colour)
    {
        Colour.TryParse(colour, out var brand);
        var theme = PortalTheme.Create(new BrandingOptions { PrimaryColor = colour });
        Colour.TryParse(theme.PaletteDark.Primary.ToString(MudBlazor.Utilities.MudColorOutputFormats.Hex), out var darkPrimary).Should().BeTrue();
        Colour.TryParse(theme.PaletteDark.Background.ToString(MudBlazor.Utilities.MudColorOutputFormats.Hex), out var background).Should().BeTrue();

        Colour.Contrast(darkPrimary, background).Should().BeGreaterThanOrEqualTo(4.5);
        theme.PaletteLight.Primary.ToString(MudBlazor.Utilities.MudColorOutputFormats.Hex).Should().Be(brand.ToString());
    }
}
