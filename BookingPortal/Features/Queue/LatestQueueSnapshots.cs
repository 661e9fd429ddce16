namespace BookingPortal.Features.Queue;

/// <summary>
/// The last snapshot this instance's broadcaster read of each opening, for a page that opens meanwhile: its place is
/// taken from the read already made for everyone in line (<see cref="QueueService"/>), not counted again for it.
/// </summary>
[SingletonService]
public sealed class LatestQueueSnapshots
{
    private readonly ConcurrentDictionary<long, QueueSnapshot> latest = new();

    public void Keep(QueueSnapshot snapshot) => latest[snapshot.OpeningId] = snapshot;

    public QueueSnapshot? Of(long openingId) => latest.GetValueOrDefault(openingId);
}
