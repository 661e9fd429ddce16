namespace BookingPortal.Domain;

/// <summary>A named group of customers (e.g. "VIP") that a release can let in early.</summary>
public class Audience
{
    public int Id { get; set; }
    public required string Name { get; set; }
}

/// <summary>A customer's membership of an audience, assigned by an admin.</summary>
public class AudienceMember
{
    public int AudienceId { get; set; }
    public required string UserId { get; set; }
    public DateTime AddedAtUtc { get; set; }
}
