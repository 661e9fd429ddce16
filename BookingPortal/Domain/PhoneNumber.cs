namespace BookingPortal.Domain;

/// <summary>Phone numbers for text messages, in E.164 form: "+" then the country code and number, 8 to 15 digits in all.</summary>
public static class PhoneNumber
{
    public const string FormatHint = "Use the international format with the country code, e.g. +1 212 555 0100 or +44 20 7946 0958.";

    /// <summary>Accepts the spaces, dots, dashes and brackets people type, and returns the bare E.164 form.</summary>
    public static bool TryNormalize(string? input, out string e164)
    {
        e164 = "";
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }

        var trimmed = input.Trim();
        if (trimmed.StartsWith("00", StringComparison.Ordinal))
        {
            trimmed = "+" + trimmed[2..];
        }

        if (!trimmed.StartsWith('+'))
        {
            return false;
        }

        var digits = new System.Text.StringBuilder("+");
        foreach (var c in trimmed[1..])
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                return false;
            }
        }

        var candidate = digits.ToString();
        // Country codes never start with 0; E.164 allows at most 15 digits.
        if (candidate.Length is < 9 or > 16 || candidate[1] == '0')
        {
            return false;
        }

        e164 = candidate;
        return true;
    }
}
