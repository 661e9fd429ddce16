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

        var international = WithPlusForInternationalPrefix(input.Trim());
        if (!international.StartsWith('+') || !TryKeepDigits(international[1..], out var digits))
        {
            return false;
        }

        var candidate = "+" + digits;
        if (!IsPlausibleE164(candidate))
        {
            return false;
        }

        e164 = candidate;
        return true;
    }

    /// <summary>"00" is how many countries dial out; it means the same as "+".</summary>
    private static string WithPlusForInternationalPrefix(string trimmed) =>
        trimmed.StartsWith("00", StringComparison.Ordinal) ? "+" + trimmed[2..] : trimmed;

    /// <summary>The digits alone, or false when anything but a digit or a typed separator appears.</summary>
    private static bool TryKeepDigits(string typed, out string digits)
    {
        var kept = new System.Text.StringBuilder();
        digits = "";
        foreach (var c in typed)
        {
            if (char.IsAsciiDigit(c))
            {
                kept.Append(c);
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                return false;
            }
        }

        digits = kept.ToString();
        return true;
    }

    // Country codes never start with 0; E.164 allows at most 15 digits.
    private static bool IsPlausibleE164(string candidate) => candidate.Length is >= 9 and <= 16 && candidate[1] != '0';
}
