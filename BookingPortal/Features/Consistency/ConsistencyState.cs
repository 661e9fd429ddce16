namespace BookingPortal.Features.Consistency;

/// <summary>
/// The last report of this instance, kept in memory: the readiness probe and the staff page read it
/// here instead of running the check, which reads every booking.
/// </summary>
[SingletonService]
public sealed class ConsistencyState
{
    private ConsistencyReport? last;

    public ConsistencyReport? LastReport => Volatile.Read(ref last);

    public void Record(ConsistencyReport report) => Volatile.Write(ref last, report);
}
