namespace BookingPortal.Domain;

/// <summary>
/// The seat counter of one concrete slot. A row is created the first time a slot is booked
/// (see SlotInventoryStore); until then the template's capacity is the whole story.
/// </summary>
public class SlotInventory
{
    /// <summary>The reason on bookings cancelled because staff closed their slot with "cancel its bookings": the only record of that choice.</summary>
    public const string ClosedWithBookingsReason = "The slot was closed by the clinic.";

    public long Id { get; set; }
    public int ServiceId { get; set; }
    public DateTime StartUtc { get; set; }
    public DateTime EndUtc { get; set; }
    public int Capacity { get; set; }
    public int Booked { get; set; }
    public bool IsClosed { get; set; }

    public int Remaining => IsClosed ? 0 : Math.Max(0, Capacity - Booked);
}
