namespace BookingPortal.Features.Cancellation;

/// <summary>Who cancels what. Only staff may waive the late-cancellation fee, and they must say why.</summary>
/// <param name="OnlyOnSlotInventoryId">Cancel only while the booking is on this slot (staff closing a slot: a booking moved away meanwhile is not theirs to cancel).</param>
/// <param name="OnlyWithPractitionerId">Cancel only while the booking is still this practitioner's (staff cancelling for one who is away: a booking a colleague took over meanwhile is not theirs to cancel).</param>
/// <param name="FeeShown">The fee the person was shown before confirming: cancelling never keeps more than that without showing it again.</param>
public sealed record CancelRequest(
    string ConfirmationNumber, string UserId, bool IsStaff, bool WaiveFee = false, string? Reason = null, long? OnlyOnSlotInventoryId = null, decimal? FeeShown = null,
    int? OnlyWithPractitionerId = null);

public enum CancelOutcome
{
    Cancelled,
    NotFound,
    AlreadyEnded,
    Started,
    ReasonRequired,

    /// <summary>Cancelling now costs more than the person was shown (the free-cancellation deadline passed meanwhile): nothing changed.</summary>
    FeeChanged,
}

public sealed record CancelResult(CancelOutcome Outcome, CancellationQuote? Quote, string Message)
{
    public bool Succeeded => Outcome == CancelOutcome.Cancelled;
}

/// <summary>What the cancel dialog shows before the customer confirms.</summary>
public sealed record CancellationOffer(CancellationQuote Quote, string Explanation, bool Allowed, string? RefusalMessage);
