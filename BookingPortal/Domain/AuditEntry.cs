namespace BookingPortal.Domain;

/// <summary>One staff action: who did what to which thing, and when. Written in the action's own transaction.</summary>
public class AuditEntry
{
    /// <summary>Staff booked for a customer (at the desk, on the phone): such a booking takes no queue turn.</summary>
    public const string BookingMadeByStaff = "booking.made_by_staff";

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
