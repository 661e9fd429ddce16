namespace BookingPortal.Features.Queue.Components;

/// <summary>Reads a queue snapshot for one waiting room: positions come from the shared snapshot, not the database.</summary>
internal static class QueueSnapshotReading
{
    /// <summary>
    /// What a snapshot of the queue means here. Positions come from the shared snapshot; only a change of this customer's
    /// own stage costs a query (<see cref="SnapshotEffect.Reload"/>). Pure, so the journey keeps no more per circuit.
    /// </summary>
    public static (SnapshotEffect Effect, WaitingRoomState? State) Read(WaitingRoomState? state, QueueSnapshot snapshot, DateTime nowUtc)
    {
        if (SoldOutMayHaveChanged(state, snapshot))
        {
            return (SnapshotEffect.Reload, state);
        }

        if (state?.Entry is not { } entry)
        {
            return (SnapshotEffect.None, state);
        }

        // Before this customer's opening an unnumbered entry cannot change; the clock tick reloads at the opening.
        // Without this, every early joiner's circuit would query the database at every change of the queue.
        if (entry.Sequence is null && state.MyOpeningAtUtc > nowUtc)
        {
            return (SnapshotEffect.None, state);
        }

        var stillWaiting = entry.Status == QueueEntryStatus.Waiting && entry.Sequence is { } sequence && Array.BinarySearch(snapshot.WaitingSequences, sequence) >= 0;
        if (stillWaiting)
        {
            var position = snapshot.PositionOf(entry.Sequence!.Value);
            var remaining = state.Release!.ShowRemainingSlots ? snapshot.RemainingSeats ?? state.RemainingSeats : null;
            if (position == state.Position && remaining == state.RemainingSeats)
            {
                // Nothing this customer can see has changed: no render, no traffic on the circuit.
                return (SnapshotEffect.None, state);
            }

            return (SnapshotEffect.Render, state with { Position = position, Estimate = WaitEstimator.Estimate(position, remaining, state.Release!, snapshot.Pace), RemainingSeats = remaining });
        }

        var stillAdmitted = entry.Status == QueueEntryStatus.Admitted && snapshot.AdmittedEntryIds.Contains(entry.Id);
        // Otherwise this customer's own stage changed (admitted, left, turn over): the snapshot already counted the seats.
        return (stillAdmitted ? SnapshotEffect.None : SnapshotEffect.Reload, state);
    }

    /// <summary>
    /// The seats left reached 0 or came back from it where they decide the stage: "sold out" for someone without a place
    /// (and any SoldOut state). Held seats lapse back in the opening minutes, so a stage taken at 0 must not outlive the 0.
    /// A place in line stays a place at 0 seats: its count is only drawn again, at no query.
    /// </summary>
    private static bool SoldOutMayHaveChanged(WaitingRoomState? state, QueueSnapshot snapshot) =>
        state is { Stage: QueueStage.SoldOut } or { Stage: QueueStage.Waiting, Entry: null }
        && snapshot.RemainingSeats is { } seats && state.SeatsLeft is { } before && (seats == 0) != (before == 0);
}

/// <summary>What a queue snapshot means for one waiting room.</summary>
public enum SnapshotEffect
{
    /// <summary>Nothing this customer can see changed.</summary>
    None,

    /// <summary>Their place or the seats left changed: draw again.</summary>
    Render,

    /// <summary>Their own stage changed: read their place again, then draw.</summary>
    Reload,
}
