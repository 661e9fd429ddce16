using MudBlazor;

namespace BookingPortal.Features.Branding;

/// <summary>The MudBlazor theme made from the configured brand colour, in a light and a dark palette.</summary>
public static class PortalTheme
{
    /// <summary>Dark mode's background.</summary>
    private static readonly Colour DarkBackground = new(0x1a, 0x1a, 0x27);

    /// <summary>Dark mode's cards and panels, lighter than the background: the dark primary is lightened until it reads on them at AA, so on the background too.</summary>
    private static readonly Colour DarkSurface = new(0x24, 0x24, 0x3a);

    /// <summary>Near-black text on dark mode's light accent colours (primary, secondary and the status colours).</summary>
    private const string TextOnDarkAccent = "#10101a";

    public static MudTheme Create(BrandingOptions branding)
    {
        var primary = Colour.TryParse(branding.PrimaryColor, out var parsed) ? parsed : new Colour(0x0b, 0x5c, 0xad);
        var darkPrimary = LightenUntilReadable(primary, DarkSurface);
        return new MudTheme
        {
            // Fixed colours chosen for AA contrast with white text (the validator holds the brand colour to the same).
            PaletteLight = new PaletteLight
            {
                Primary = primary.ToString(),
                AppbarBackground = primary.ToString(),
                Secondary = "#5a3e8e",
                Success = "#1b7a3a",
                Error = "#b3261e",
                Warning = "#8a4b00",
                Info = "#0a5fa8",
            },
            PaletteDark = new PaletteDark
            {
                Primary = darkPrimary.ToString(),
                PrimaryContrastText = TextOnDarkAccent,
                AppbarBackground = "#11111b",
                Background = DarkBackground.ToString(),
                Surface = DarkSurface.ToString(),
                Secondary = "#c9b3f2",
                SecondaryContrastText = TextOnDarkAccent,
                Success = "#7fd69a",
                SuccessContrastText = TextOnDarkAccent,
                Error = "#ffb4ab",
                ErrorContrastText = TextOnDarkAccent,
                Warning = "#ffc46b",
                WarningContrastText = TextOnDarkAccent,
                Info = "#9ccaff",
                InfoContrastText = TextOnDarkAccent,
                TextPrimary = "#ececf4",
                TextSecondary = "#c4c4d4",
                ActionDefault = "#c4c4d4",
                LinesInputs = "#9a9ab0",
            },
            Typography = new Typography
            {
                Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
            },
        };
    }

    /// <summary>The brand colour made lighter, step by step, until it has 4.5:1 against the background (text and links in dark mode).</summary>
    public static Colour LightenUntilReadable(Colour colour, Colour background)
    {
        for (var amount = 0.0; amount <= 1.0; amount += 0.05)
        {
            var candidate = colour.Mix(Colour.White, amount);
            if (Colour.Contrast(candidate, background) >= 4.5 && Colour.Contrast(candidate, new Colour(0x10, 0x10, 0x1a)) >= 4.5)
            {
                return candidate;
            }
        }

        return Colour.White;
    }
}
