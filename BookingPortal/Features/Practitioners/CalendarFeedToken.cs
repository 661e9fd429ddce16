namespace BookingPortal.Features.Practitioners;

/// <summary>
/// The secret in a practitioner's private calendar feed URL. Only its SHA-256 is stored: a copy of the
/// database does not open anyone's diary, and the token is shown once, when it is made. 32 random bytes
/// are beyond guessing, so a fast unsalted hash is the right lookup key.
/// </summary>
public static class CalendarFeedToken
{
    public static string Create() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Only what <see cref="Create"/> can produce is looked up; anything else is not a token.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
