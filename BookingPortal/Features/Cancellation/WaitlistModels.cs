using BookingPortal.Domain;

namespace BookingPortal.Features.Cancellation;

public enum JoinWaitlistOutcome
{
    Joined,
    AlreadyWaiting,
    SeatsAvailable,
    OutsideBookingWindow,
    ServiceNotFound,
    EmailNotConfirmed,
}

public sealed record JoinWaitlistResult(JoinWaitlistOutcome Outcome, long? EntryId, string Message)
{
    public bool Succeeded => Outcome is JoinWaitlistOutcome.Joined or JoinWaitlistOutcome.AlreadyWaiting;
}

/// <summary>A waitlist entry as its customer sees it.</summary>
public sealed record WaitlistView(
    long Id,
    int ServiceId,
    string ServiceName,
    DateOnly LocalDate,
    DateTimeOffset? LocalSlotStart,
    WaitlistStatus Status,
    DateTimeOffset? LocalOfferedStart,
    DateTimeOffset? LocalOfferExpires,
    string TimeZoneId);
