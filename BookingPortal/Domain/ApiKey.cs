namespace BookingPortal.Domain;

/// <summary>What an API key may do. A key never has more than its owner.</summary>
[Flags]
public enum ApiScopes
{
    None = 0,

    /// <summary>Services, availability and the owner's bookings.</summary>
    Read = 1,

    /// <summary>Book and cancel the owner's bookings.</summary>
    Book = 2,

    /// <summary>Staff only: read, book and cancel for any customer.</summary>
    Admin = 4,
}

/// <summary>
/// A personal API key. Only the SHA-256 of the key is stored: the key is random (256 bits), so a
/// fast hash is enough and a leaked table does not reveal usable keys. The short prefix lets the
/// owner tell their keys apart.
/// </summary>
public class ApiKey
{
    public const int FormTokenLength = 32;

    public long Id { get; set; }
    public required string OwnerId { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; set; }
    public required string Hash { get; set; }
    public ApiScopes Scopes { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? LastUsedAtUtc { get; set; }
    public DateTime? RevokedAtUtc { get; set; }

    /// <summary>
    /// The one-time token of the profile form that made the key: the same form sent twice (a double
    /// click, a browser's "resend") makes one key, not a second one whose secret nobody saw.
    /// </summary>
    public string? FormToken { get; set; }

    public bool IsActive => RevokedAtUtc is null;
}
