namespace BookingPortal.Features.Branding;

/// <summary>An sRGB colour with the WCAG 2.1 relative luminance and contrast ratio.</summary>
public readonly record struct Colour(byte R, byte G, byte B)
{
    public static readonly Colour White = new(255, 255, 255);

    public static bool TryParse(string? hex, out Colour colour)
    {
        colour = default;
        if (hex is not { Length: 7 } || hex[0] != '#' || !int.TryParse(hex.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var rgb))
        {
            return false;
        }

        colour = new Colour((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
        return true;
    }

    /// <summary>Blends towards another colour: 0 keeps this one, 1 gives the other.</summary>
    public Colour Mix(Colour other, double amount) => new(
        (byte)Math.Round(R + ((other.R - R) * amount)),
        (byte)Math.Round(G + ((other.G - G) * amount)),
        (byte)Math.Round(B + ((other.B - B) * amount)));

    public double Luminance => (0.2126 * Channel(R)) + (0.7152 * Channel(G)) + (0.0722 * Channel(B));

    public static double Contrast(Colour a, Colour b)
    {
        var (light, dark) = a.Luminance > b.Luminance ? (a, b) : (b, a);
        return (light.Luminance + 0.05) / (dark.Luminance + 0.05);
    }

    public override string ToString() => $"#{R:x2}{G:x2}{B:x2}";

    private static double Channel(byte value)
    {
        var c = value / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }
}
