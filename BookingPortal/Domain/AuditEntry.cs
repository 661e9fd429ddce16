namespace BookingPortal.Domain;

/// <summary>One staff action: who did what to which thing, and when. Written in the action's own transaction.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public required string ActorId { get; set; }
    public required string ActorName { get; set; }

    /// <summary>Stable, dotted verb: "service.updated", "booking.no_show_marked".</summary>
    public required string Action { get; set; }

    /// <summary>What it was done to, as staff would search for it: "service 3", a confirmation number, an e-mail.</summary>
    public required string Subject { get; set; }

    public string Details { get; set; } = "";
}
