namespace BookingPortal.Features.Queue;

/// <summary>What the waiting room asks of the queue; <see cref="QueueService"/> answers it, a test may fake it.</summary>
public interface IWaitingRoomQueue
{
    Task<WaitingRoomState> GetStateAsync(int serviceId, QueueMember member, QueueSnapshot? snapshot = null, CancellationToken cancellationToken = default);

    Task<JoinResult> JoinAsync(int serviceId, QueueMember member, string? clientAddress, CancellationToken cancellationToken = default);

    Task<bool> LeaveAsync(long entryId, QueueMember member, CancellationToken cancellationToken = default);
}

/// <summary>Each new state of an opening's queue, pushed; <see cref="QueueBroadcaster"/> in the portal.</summary>
public interface IQueueSnapshots
{
    /// <summary>Dispose the returned handle when the room goes away, or its circuit would be kept alive.</summary>
    IDisposable Subscribe(long openingId, Action<QueueSnapshot> onSnapshot);
}
