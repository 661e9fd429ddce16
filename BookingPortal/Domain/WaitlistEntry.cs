namespace BookingPortal.Domain;

public enum WaitlistStatus
{
    Waiting,
    Offered,
    Claimed,
    Expired,
    Left,
}

/// <summary>
/// A customer waiting for a seat on a date (any time) or on one slot. When a seat frees up the
/// first waiting entry (first come, first served) gets it held for a while: an offer.
/// </summary>
public class WaitlistEntry
{
    public long Id { get; set; }
    public required string CustomerId { get; set; }
    public int ServiceId { get; set; }
    public DateOnly LocalDate { get; set; }
    /// <summary>Set when the customer wants one particular slot; null means any time that day.</summary>
    public DateTime? SlotStartUtc { get; set; }
    public WaitlistStatus Status { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public long? OfferedSlotInventoryId { get; set; }
    public DateTime? OfferedSlotStartUtc { get; set; }
    public DateTime? OfferExpiresAtUtc { get; set; }
    public Guid? ClaimedBookingId { get; set; }

    public static readonly TimeSpan OfferDuration = TimeSpan.FromHours(2);

    public bool Matches(int serviceId, DateOnly localDate, DateTime slotStartUtc) =>
        ServiceId == serviceId && LocalDate == localDate && (SlotStartUtc is null || SlotStartUtc == slotStartUtc);
}
