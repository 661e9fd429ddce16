using System.Text.RegularExpressions;

namespace BookingPortal.Domain;

/// <summary>
/// What logs may say about a person: "j***@example.com", "+1*******67". Logs are kept longer and
/// read by more people than the database, so no log line carries a full e-mail address or phone
/// number; free text from a provider (an error echoing the "to" address) is scrubbed the same way.
/// </summary>
public static partial class PersonalDataMask
{
    public static string Email(string? email)
    {
        if (string.IsNullOrEmpty(email))
        {
            return "";
        }

        var at = email.LastIndexOf('@');
        return at <= 0 ? "***" : $"{email[0]}***{email[at..]}";
    }

    public static string Phone(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return "";
        }

        var digits = phone.Count(char.IsAsciiDigit);
        return digits <= 4 ? "***" : $"{(phone.StartsWith('+') ? "+" : "")}{new string('*', digits - 2)}{phone[^2..]}";
    }

    /// <summary>Every e-mail address and phone-number-like run of digits in <paramref name="text"/>, masked.</summary>
    public static string Scrub(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var withoutEmails = EmailPattern().Replace(text, m => Email(m.Value));
        return PhonePattern().Replace(withoutEmails, m => Phone(m.Value));
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")]
    private static partial Regex EmailPattern();

    // International or long local numbers (8+ digits, spaces, dashes or dots between): ids and amounts are shorter or unspaced hex.
    [GeneratedRegex(@"\+?\d[\d\s().\-]{6,}\d")]
    private static partial Regex PhonePattern();
}
