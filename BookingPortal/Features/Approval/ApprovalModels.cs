using BookingPortal.Features.Bookings;

namespace BookingPortal.Features.Approval;

public enum ApprovalOutcome
{
    /// <summary>Approved and confirmed: the deposit, if any, is due at reception.</summary>
    Approved,

    /// <summary>Approved; the seat is held while the customer pays the deposit online.</summary>
    ApprovedAwaitingDeposit,
    Declined,

    /// <summary>Already answered, withdrawn or lapsed: nothing changed.</summary>
    NotAwaiting,

    /// <summary>Its deadline passed: it can only lapse (the lapse job ends it).</summary>
    TooLate,
    ReasonRequired,
}

public sealed record ApprovalResult(ApprovalOutcome Outcome, string Message)
{
    public bool Succeeded => Outcome is ApprovalOutcome.Approved or ApprovalOutcome.ApprovedAwaitingDeposit or ApprovalOutcome.Declined;
}

/// <summary>A request waiting for staff, as the front desk and the appointments page list it.</summary>
public sealed record AwaitingApprovalRow(BookingView Booking, string CustomerName, DateTime DeadlineUtc);

/// <summary>The requests listed (those to answer soonest) and how many are waiting in all.</summary>
public sealed record AwaitingApprovals(IReadOnlyList<AwaitingApprovalRow> Rows, int Total);

/// <summary>How a request ends without approval: who ended it, what the customer is told, and what the audit log calls it.</summary>
internal sealed record EndOfRequest(string ById, string ByName, string Reason, string AuditAction, bool OnlyWhenDue);

/// <summary>What a transition reads of a request before its conditional update.</summary>
internal sealed record PendingRequest(string ConfirmationNumber, long SlotInventoryId, DateTime StartUtc, DateTime? ExpiresAtUtc, decimal DepositAmount, string Currency)
{
    /// <summary>Whom (and which room) the request occupies, and until when: ending it frees them then.</summary>
    public int? PractitionerId { get; init; }

    public int? RoomId { get; init; }

    public DateTime EndUtc { get; init; }
}

/// <summary>What an attempt to end a request did: the request it ended, or none when it was not (or no longer) awaiting.</summary>
internal readonly record struct EndedRequest(PendingRequest? Request);
