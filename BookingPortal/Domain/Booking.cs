namespace BookingPortal.Domain;

public enum BookingStatus
{
    PendingPayment,
    Confirmed,
    Cancelled,
    Completed,
    NoShow,

    /// <summary>Made for a service that requires staff approval: the seat is held until ExpiresAtUtc, nothing is charged yet.</summary>
    AwaitingApproval,
}

public class Booking
{
    public Guid Id { get; set; }
    public required string ConfirmationNumber { get; set; }
    public required string CustomerId { get; set; }
    public int ServiceId { get; set; }
    public Service? Service { get; set; }
    public long SlotInventoryId { get; set; }
    public DateTime StartUtc { get; set; }
    public DateTime EndUtc { get; set; }
    public BookingStatus Status { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? ExpiresAtUtc { get; set; }
    public DateTime? ConfirmedAtUtc { get; set; }
    public DateTime? CancelledAtUtc { get; set; }
    public DateTime? CheckedInAtUtc { get; set; }
    public string? CheckedInById { get; set; }
    public decimal Price { get; set; }
    public decimal DepositAmount { get; set; }
    public required string Currency { get; set; }
    public required string IdempotencyKey { get; set; }

    /// <summary>A hash of the request the idempotency key came with (service and slot); null on bookings made before it was kept.</summary>
    public string? RequestFingerprint { get; set; }
    public string? CancellationReason { get; set; }
    public string? CancelledById { get; set; }
    public bool CancellationFeeWaived { get; set; }
    /// <summary>The payment provider's id of the deposit payment (a Stripe payment intent), when paid online.</summary>
    public string? PaymentReference { get; set; }
    /// <summary>
    /// When the online checkout for this booking stops taking payment; fixed by the first checkout (and forgotten if
    /// that checkout failed), so a second press of "Pay" sends the provider the same request under the same key.
    /// </summary>
    public DateTime? CheckoutExpiresAtUtc { get; set; }

    /// <summary>
    /// The provider's id of that checkout once it is open (a Stripe Checkout Session): the hold expiry sweep closes it
    /// before it releases the seat, since it can stay open past the hold. Null while none is open, or while the first
    /// press is still being answered.
    /// </summary>
    public string? CheckoutSessionId { get; set; }

    /// <summary>
    /// The cancellation terms the customer booked under, copied from the service: staff changing the service's terms
    /// later (a longer fee window, a higher fee, another currency) do not change what was agreed.
    /// </summary>
    public int FreeCancellationHours { get; set; }

    /// <inheritdoc cref="FreeCancellationHours"/>
    public decimal CancellationFee { get; set; }

    /// <summary>When the booking last moved to another slot; set by the move's own update, null if it never moved.</summary>
    public DateTime? MovedAtUtc { get; set; }

    /// <summary>This appointment's own video room (a video service with rooms configured), fixed when it is booked; null shows the service's shared link.</summary>
    public string? VideoRoomLink { get; set; }

    /// <summary>
    /// Where the appointment was, kept when staff give the service somewhere else after this booking had started, ended or
    /// been cancelled: its history shows the place it had, not the service's new one. Null while the booking follows the
    /// service's place (every upcoming one does: its customer is told of the change).
    /// </summary>
    public LocationKind? PlaceKind { get; set; }

    /// <inheritdoc cref="PlaceKind"/>
    public string? PlaceAddress { get; set; }

    /// <summary>The service's shared video link then (<see cref="VideoRoomLink"/>, if any, still comes first); see <see cref="PlaceKind"/>.</summary>
    public string? PlaceVideoLink { get; set; }

    /// <summary>Who gives the appointment, on services that book practitioners.</summary>
    public int? PractitionerId { get; set; }

    /// <summary>The room it takes, on services that need one.</summary>
    public int? RoomId { get; set; }

    /// <summary>Set when staff declined the request or it lapsed unanswered; the booking is then Cancelled and CancellationReason is what the customer is told.</summary>
    public DateTime? DeclinedAtUtc { get; set; }

    public static readonly BookingStatus[] ActiveStatuses = [BookingStatus.PendingPayment, BookingStatus.Confirmed, BookingStatus.AwaitingApproval];

    /// <summary>The bookings that hold a seat on their slot (held for payment or approval, or confirmed), as a query condition.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<Booking, bool>> HoldsSeat =
        b => b.Status == BookingStatus.PendingPayment || b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.AwaitingApproval;

    /// <summary>
    /// The bookings that keep their practitioner and room busy for their time: those holding a seat, and those checked in
    /// (Completed at arrival, often before the start: the customer is in the chair until the end). A no-show frees them.
    /// </summary>
    public static readonly System.Linq.Expressions.Expression<Func<Booking, bool>> OccupiesPractitioner =
        b => b.Status == BookingStatus.PendingPayment || b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.AwaitingApproval
             || b.Status == BookingStatus.Completed;

    public bool IsActiveAt(DateTime nowUtc) => ActiveStatuses.Contains(Status) && StartUtc > nowUtc;

    public decimal BalanceDueAtAppointment => Price - DepositAmount;
}
