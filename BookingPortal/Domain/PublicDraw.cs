namespace BookingPortal.Domain;

/// <summary>
/// A draw anyone can check. Before the opening only the commitment (SHA-256 of the secret seed) is
/// published; after the draw, the seed and the entries in the order they counted. The order is a
/// function of both: every entry is ranked by an HMAC under a key made from the seed and a digest of
/// the whole list, so a changed seed, a moved entry or a dropped one gives another order. Entries are
/// published as codes (an HMAC of the entry's id), which say nothing about the person.
/// This file is linked into tools/VerifyDraw: it must keep to the base library.
/// </summary>
public static class PublicDraw
{
    public const int CodeLength = 16;

    public static string Commitment(string seedHex) => Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(seedHex)));

    public static bool Matches(string seedHex, string commitment) =>
        IsHex(seedHex) && string.Equals(Commitment(seedHex), commitment, StringComparison.OrdinalIgnoreCase);

    /// <summary>The public code of a queue entry: its receipt, and its name in the published list.</summary>
    public static string EntryCode(string seedHex, long entryId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromHexString(seedHex), Encoding.UTF8.GetBytes("entry:" + entryId)))[..CodeLength];

    /// <summary>The drawn order (first place first) of these entry codes, given in the order they counted.</summary>
    public static IReadOnlyList<string> Order(string seedHex, IReadOnlyList<string> codesInJoinOrder)
    {
        var listDigest = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', codesInJoinOrder)));
        var drawKey = HMACSHA256.HashData(Convert.FromHexString(seedHex), listDigest);
        return codesInJoinOrder
            .Select(code => (code, rank: Convert.ToHexStringLower(HMACSHA256.HashData(drawKey, Encoding.UTF8.GetBytes(code)))))
            .OrderBy(x => x.rank, StringComparer.Ordinal)
            .ThenBy(x => x.code, StringComparer.Ordinal)
            .Select(x => x.code)
            .ToList();
    }

    /// <summary>Checks a published draw: the seed against the commitment, then every phase's order against its entries.</summary>
    public static DrawCheck Verify(string commitment, string seedHex, IEnumerable<(IReadOnlyList<string> Entries, IReadOnlyList<string> Order)> draws)
    {
        if (!Matches(seedHex, commitment))
        {
            return DrawCheck.SeedDoesNotMatchCommitment;
        }

        return draws.All(d => Order(seedHex, d.Entries).SequenceEqual(d.Order, StringComparer.OrdinalIgnoreCase))
            ? DrawCheck.Verified
            : DrawCheck.OrderDiffers;
    }

    public static string Join(IEnumerable<string> codes) => string.Join(' ', codes);

    public static IReadOnlyList<string> Split(string? codes) => (codes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static bool IsHex(string value) => value.Length is > 0 and <= 128 && value.Length % 2 == 0 && value.All(Uri.IsHexDigit);
}

public enum DrawCheck
{
    Verified,
    SeedDoesNotMatchCommitment,
    OrderDiffers,
}
