namespace BookingPortal.Features.Queue.Components;

/// <summary>
/// Whether admission booked a ranked choice while the waiting room was open (the page goes on to it and its deposit), or
/// before the customer came back: then it is only noted, as they came to book again, move it or join again, and sending
/// them to it on every visit kept them off the page for as long as the opening lasted. A field of the journey, one per circuit.
/// </summary>
internal struct RankedArrival
{
    private bool arrived;
    private string? bookedBefore;

    /// <summary>Another service or person: the next state read is an arrival again.</summary>
    public void Reset() => arrived = false;

    public void Loaded(WaitingRoomState state)
    {
        if (!arrived)
        {
            arrived = true;
            bookedBefore = Booked(state);
        }
    }

    public readonly string? ToGoTo(WaitingRoomState? state) => Booked(state) is { } number && number != bookedBefore ? number : null;

    private static string? Booked(WaitingRoomState? state) =>
        state?.RankedOutcome is { Outcome: RankedOutcome.Booked, BookedConfirmation: { } number } ? number : null;
}
