namespace BookingPortal.Domain;

/// <summary>
/// The token of a one-time link that creates the first admin of an install. Only its SHA-256 is
/// stored (the token is 256 random bits, so a fast hash is enough): a copy of the table opens nothing.
/// A link is used by marking it, in one conditional update, so two tabs cannot both use it.
/// </summary>
public class SetupToken
{
    public long Id { get; set; }
    public required string Hash { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
    public DateTime? UsedAtUtc { get; set; }
}
