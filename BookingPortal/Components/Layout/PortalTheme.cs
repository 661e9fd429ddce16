using MudBlazor;

namespace BookingPortal.Components.Layout;

public static class PortalTheme
{
    /// <summary>Colours chosen for WCAG AA contrast of white text on the primary colour.</summary>
    public static readonly MudTheme Default = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0b5cad",
            Secondary = "#5a3e8e",
            AppbarBackground = "#0b5cad",
            Success = "#1b7a3a",
            Error = "#b3261e",
            Warning = "#8a4b00",
            Info = "#0a5fa8",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
    };
}
