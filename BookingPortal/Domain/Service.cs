namespace BookingPortal.Domain;

public enum LocationKind
{
    InPerson,
    Virtual,
}

/// <summary>A bookable service and the rules that govern booking it.</summary>
public class Service
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public int DurationMinutes { get; set; }
    public decimal Price { get; set; }
    public string Currency { get; set; } = "USD";
    public LocationKind LocationKind { get; set; }
    public string? Address { get; set; }
    public string? VideoLink { get; set; }
    public required string TimeZoneId { get; set; }
    public DaysOfWeekMask AvailableDays { get; set; }
    public int MaxAdvanceBookingDays { get; set; } = 30;
    public int MinAdvanceBookingHours { get; set; } = 24;
    public int MaxActiveBookingsPerCustomer { get; set; } = 2;

    /// <summary>
    /// Whether one customer may hold more than one seat in the same slot. Off by default: a family
    /// books with a party size or dependants, not by taking the slot's seats one by one.
    /// </summary>
    public bool AllowSeveralSeatsPerCustomer { get; set; }
    public bool RequireDeposit { get; set; } = true;
    public decimal DepositAmount { get; set; } = 50m;
    public int FreeCancellationHours { get; set; } = 48;
    public decimal CancellationFee { get; set; } = 25m;

    /// <summary>
    /// A customer may move a booking until this many hours before its current start (that instant
    /// included); never less than <see cref="FreeCancellationHours"/>, or a move would dodge the late fee.
    /// </summary>
    public int ChangesAllowedUntilHours { get; set; } = 48;
    public int NoShowGraceMinutes { get; set; } = 15;

    /// <summary>Time kept free before each appointment (preparing the room); slots closer than the buffers allow are not offered.</summary>
    public int BufferBeforeMinutes { get; set; }

    /// <summary>Time kept free after each appointment (cleaning, notes).</summary>
    public int BufferAfterMinutes { get; set; }
    public bool IsArchived { get; set; }

    /// <summary>
    /// Whether customers book a named practitioner (or "any available"): a slot's seats are then the practitioners
    /// free at that time times <see cref="SeatsPerPractitioner"/>, capped by the template's capacity. Off: the
    /// simple mode, where the template's capacity is the whole story.
    /// </summary>
    public bool BooksPractitioners { get; set; }

    /// <summary>Seats each practitioner gives in one slot: 1 for a consultation, more for a class.</summary>
    public int SeatsPerPractitioner { get; set; } = 1;

    /// <summary>Bookings wait for staff to approve them, their seat held for <see cref="ApprovalHoldHours"/>; the deposit is asked for only once approved.</summary>
    public bool RequiresApproval { get; set; }

    /// <summary>How long staff have to answer a request before it lapses (never past the appointment's start).</summary>
    public int ApprovalHoldHours { get; set; } = 48;

    /// <summary>For services whose name is itself health information: messages and calendar files say only "Your appointment at" the clinic.</summary>
    public bool PrivacyMode { get; set; }

    public List<TimeSlotTemplate> TimeSlots { get; set; } = [];

    /// <summary>
    /// On a copy staff edit: what the settings were when it was read (a digest, never stored). A save made from a copy of
    /// settings someone else has saved since is refused, so it cannot silently undo theirs.
    /// </summary>
    public string? EditedFrom { get; set; }

    /// <summary>What the customer pays when booking; the rest is due at the appointment.</summary>
    public decimal DepositDueNow => RequireDeposit ? Math.Min(DepositAmount, Price) : 0m;

    /// <summary>The least time between one slot's end and the next slot's start.</summary>
    public TimeSpan GapBetweenSlots => TimeSpan.FromMinutes(BufferAfterMinutes + BufferBeforeMinutes);

    /// <summary>
    /// The service's zone, looked up once per loaded service: the system's lookup takes a process-wide lock on every
    /// call, and a calendar converts every slot of every day it shows through this property.
    /// </summary>
    public TimeZoneInfo TimeZone => resolvedZone is { } resolved && resolved.Id == TimeZoneId
        ? resolved.Zone
        : (resolvedZone = new ResolvedZone(TimeZoneId, TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId))).Zone;

    // One reference, so a service read by two threads never sees one id with another's zone.
    private ResolvedZone? resolvedZone;

    private sealed record ResolvedZone(string Id, TimeZoneInfo Zone);
}
