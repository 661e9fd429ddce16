namespace BookingPortal.Features.Queue;

/// <summary>
/// Books the ranked choices of the entries an admission tick has just admitted, in the tick's own transaction, so the
/// admitted crowd does not race for one button. Declared here and written by the booking feature (its reservation
/// writer and rules), so the waiting room does not depend on the booking pages.
/// </summary>
public interface IRankedAdmissions
{
    /// <summary>
    /// Call inside the admission transaction, after the entries are admitted (queue entry locks first, then the
    /// customers' gates and the seats the booking writer takes in the global order). Returns the services booked,
    /// whose pages the caller tells after its commit.
    /// </summary>
    Task<IReadOnlyList<int>> BookAdmittedAsync(BookingDbContext db, long openingId, DateTime admittedAtUtc, CancellationToken cancellationToken);
}
