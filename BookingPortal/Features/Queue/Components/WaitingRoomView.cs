namespace BookingPortal.Features.Queue.Components;

/// <summary>What the waiting room shows in place of (or around) the booking content.</summary>
public enum WaitingRoomView
{
    Loading,

    /// <summary>No queue to pass (no release, or staff moving a booking): the content itself.</summary>
    Content,

    /// <summary>This customer's turn: its countdown, then the content (or the sign-in for a visitor).</summary>
    Turn,

    /// <summary>Not bookable yet: the stage of the queue this customer stands in (<see cref="WaitingRoomStage"/>).</summary>
    Stage,
}
