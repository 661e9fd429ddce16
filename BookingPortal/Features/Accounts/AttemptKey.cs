namespace BookingPortal.Features.Accounts;

/// <summary>
/// The one form in which both stores keep a counted key: its SHA-256 in hex. Whatever was typed (a
/// megabyte posted as an e-mail address, a spray of made-up ones) then costs the same 64 characters
/// for its window, and neither the memory table nor the shared one holds an address.
/// </summary>
public static class AttemptKey
{
    public static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
