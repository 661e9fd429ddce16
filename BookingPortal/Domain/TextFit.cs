namespace BookingPortal.Domain;

/// <summary>Text cut to fit a column, for the places where the words are ours to shorten (a subject, a ledger note).</summary>
public static class TextFit
{
    /// <summary>
    /// At most <paramref name="max"/> characters, ending in an ellipsis when cut. Never through the middle of a
    /// character written as two UTF-16 units (most emoji): PostgreSQL refuses half of one, and the save would fail as
    /// the overlong text did.
    /// </summary>
    public static string Cut(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var keep = max - 1;
        if (char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return string.Concat(text.AsSpan(0, keep).TrimEnd(), "…");
    }
}
