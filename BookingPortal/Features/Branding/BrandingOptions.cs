namespace BookingPortal.Features.Branding;

/// <summary>The clinic's look: its brand colour, used for the top bar, buttons and links.</summary>
public sealed class BrandingOptions
{
    public const string SectionName = "Branding";

    /// <summary>#RRGGBB. White text sits on it, so it must be dark enough for WCAG AA (4.5:1 against white).</summary>
    public string PrimaryColor { get; set; } = "#0b5cad";
}

internal sealed class BrandingOptionsValidator : IValidateOptions<BrandingOptions>
{
    public const double MinimumContrast = 4.5;

    public ValidateOptionsResult Validate(string? name, BrandingOptions options)
    {
        var key = $"'{BrandingOptions.SectionName}:{nameof(BrandingOptions.PrimaryColor)}'";
        if (!Colour.TryParse(options.PrimaryColor, out var colour))
        {
            return ValidateOptionsResult.Fail($"{key} must be a colour written #RRGGBB, such as #0b5cad; it is '{options.PrimaryColor}'.");
        }

        var contrast = Colour.Contrast(colour, Colour.White);
        return contrast >= MinimumContrast
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(string.Create(CultureInfo.InvariantCulture,
                $"{key} '{options.PrimaryColor}' is too light for white text: contrast {contrast:0.00}:1, WCAG AA needs {MinimumContrast}:1. Choose a darker shade."));
    }
}
