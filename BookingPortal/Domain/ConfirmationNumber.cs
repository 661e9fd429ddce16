namespace BookingPortal.Domain;

/// <summary>
/// Short codes a customer can read over the phone: no O/0 or I/1 to confuse, drawn from a
/// cryptographic generator so one booking's code says nothing about the next one's.
/// </summary>
public static class ConfirmationNumber
{
    public const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const int GroupLength = 4;

    /// <summary>Eight symbols of a 32-letter alphabet: 40 random bits, shown as XXXX-XXXX.</summary>
    public static string New()
    {
        Span<char> symbols = stackalloc char[GroupLength * 2];
        for (var i = 0; i < symbols.Length; i++)
        {
            symbols[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return $"{symbols[..GroupLength]}-{symbols[GroupLength..]}";
    }

    public static bool IsWellFormed(string? value) =>
        value is { Length: GroupLength * 2 + 1 }
        && value[GroupLength] == '-'
        && value.Where((c, i) => i != GroupLength).All(Alphabet.Contains);

    /// <summary>Accepts what people type: lower case, spaces, a missing dash, O for 0 is not guessed.</summary>
    public static string Normalize(string value)
    {
        var compact = new string(value.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return compact.Length == GroupLength * 2 ? $"{compact[..GroupLength]}-{compact[GroupLength..]}" : compact;
    }
}
