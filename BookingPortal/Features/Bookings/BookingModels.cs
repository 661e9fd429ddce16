namespace BookingPortal.Features.Bookings;

/// <summary>What the customer asked for. The idempotency key is created once per booking attempt by the UI.</summary>
/// <param name="ActingStaffId">Set when staff book for the customer (at the desk, on the phone); they may book customers the online rules hold back.</param>
/// <param name="PractitionerId">On services that book practitioners: the one asked for; null for "any available".</param>
public sealed record ReserveRequest(string CustomerId, int ServiceId, DateTime SlotStartUtc, string IdempotencyKey, string? ActingStaffId = null, int? PractitionerId = null)
{
    /// <summary>
    /// What the idempotency key is bound to: the service and the slot (the customer is the key's own
    /// scope). Stored with the booking, so the key sent again with another request is refused.
    /// </summary>
    public string Fingerprint => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
        FormattableString.Invariant($"booking/v1\n{ServiceId}\n{DateTime.SpecifyKind(SlotStartUtc, DateTimeKind.Utc):O}{(PractitionerId is { } asked ? $"\n{asked}" : "")}"))));

    /// <summary>The answers to the service's booking questions; none when it asks none.</summary>
    public AnswersGiven? Answers { get; init; }

    /// <summary>The terms the customer was shown before pressing "Book"; when the service's differ, nothing is booked. None: not checked (the API).</summary>
    public BookingTerms? TermsShown { get; init; }

    /// <summary>Booked while the customer may be away (at their turn, from their ranked choices): a booking held for its deposit tells them what to pay.</summary>
    public bool TellHeld { get; init; }
}

/// <summary>Move a booking to another slot of the same service.</summary>
/// <param name="PractitionerId">On services that book practitioners: another practitioner to move to; null keeps the booking's own.</param>
public sealed record RescheduleRequest(string ConfirmationNumber, string UserId, bool IsStaff, DateTime NewSlotStartUtc, int? PractitionerId = null);

/// <summary>Either the booking (new, or the one a repeated request already made) or the rule that refused it.</summary>
public sealed record ReserveResult(BookingView? Booking, BookingError? Error, string? Message)
{
    public bool Succeeded => Booking is not null;

    /// <summary>With <see cref="BookingError.AnswersInvalid"/>: what is wrong with each answer, keyed by question id.</summary>
    public IReadOnlyDictionary<int, AnswerProblem>? AnswerProblems { get; init; }

    public static ReserveResult Success(BookingView booking) => new(booking, null, null);

    public static ReserveResult Failure(BookingError error, Service? service) =>
        new(null, error, BookingRules.Describe(error, service));
}

/// <summary>A booking as its owner (or staff) sees it, with times already in the service's zone.</summary>
public sealed record BookingView(
    Guid Id,
    string ConfirmationNumber,
    string CustomerId,
    int ServiceId,
    string ServiceName,
    BookingStatus Status,
    DateTime StartUtc,
    DateTime EndUtc,
    DateTimeOffset LocalStart,
    DateTimeOffset LocalEnd,
    string TimeZoneId,
    int DurationMinutes,
    LocationKind LocationKind,
    string? Address,
    string? VideoLink,
    decimal Price,
    decimal DepositAmount,
    string Currency,
    DateTime CreatedAtUtc)
{
    public decimal BalanceDue => Price - DepositAmount;

    /// <summary>While the deposit is being paid online: when the held seat is released if no payment arrives.</summary>
    public DateTime? PaymentHoldExpiresAtUtc { get; init; }

    /// <summary>Who gives the appointment, on services that book practitioners.</summary>
    public int? PractitionerId { get; init; }

    /// <summary>The room it takes, on services that need one.</summary>
    public int? RoomId { get; init; }

    /// <summary>While staff have to approve it: when the request lapses and the seat is released.</summary>
    public DateTime? ApprovalDeadlineUtc { get; init; }

    /// <summary>Why staff declined the request (or that it lapsed unanswered); null unless it was declined.</summary>
    public string? DeclineReason { get; init; }

    /// <summary>
    /// Cancelled without ever being confirmed, yet a payment was recorded: the customer paid after its hold had run out
    /// or it was cancelled, and that money is being refunded.
    /// </summary>
    public bool PaidAfterItEnded { get; init; }

    /// <summary>The booking's money so far (deposit owed, paid, refunded, kept), when the query loaded it.</summary>
    public LedgerSummary? Ledger { get; init; }

    /// <summary>The service's change cutoff (hours before the start), for <see cref="MoveWindowAt"/>.</summary>
    public int ChangesAllowedUntilHours { get; init; }

    /// <summary>The service's privacy mode: what leaves the portal (messages, calendar files) does not name the service.</summary>
    public bool PrivacyMode { get; init; }

    /// <summary>Until when the customer may move this booking online, and whether they still may at that instant.</summary>
    public MoveWindow MoveWindowAt(DateTime nowUtc) => MoveRules.WindowFor(ChangesAllowedUntilHours, StartUtc, nowUtc);

    /// <summary>That practitioner's name as customers see it, when the query loaded it.</summary>
    public string? PractitionerName { get; init; }

    public bool IsUpcomingAt(DateTime nowUtc) => StartUtc > nowUtc && Status is BookingStatus.Confirmed or BookingStatus.PendingPayment or BookingStatus.AwaitingApproval;
}
