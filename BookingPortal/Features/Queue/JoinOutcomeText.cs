using BookingPortal.Features.Localization;

namespace BookingPortal.Features.Queue;

/// <summary>A refused join in the customer's language, as <c>BookingErrorText</c> does for a refused booking.</summary>
public static class JoinOutcomeText
{
    /// <returns>Null when the customer has a place: the waiting room itself shows that.</returns>
    public static string? For(JoinOutcome outcome, IStringLocalizer<PortalText> text) => outcome switch
    {
        JoinOutcome.Joined or JoinOutcome.AlreadyIn => (string?)null,
        JoinOutcome.NoRelease => text["This service has no waiting room."],
        JoinOutcome.SignInRequired => text["Please sign in to join the waiting room."],
        JoinOutcome.TooManyAttempts => text["Too many attempts. Please wait a few seconds and try again."],
        JoinOutcome.ConfirmEmailFirst => text["Please confirm your e-mail address to join the waiting room: use the link we sent you."],
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
