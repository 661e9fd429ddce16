namespace BookingPortal.Features.Bookings;

/// <summary>
/// How a customer hears that a freed seat is held for them. Declared here so the seat release
/// stays below Notifications, which implements it with its outbox (written in the caller's transaction).
/// </summary>
public interface IWaitlistOfferNotice
{
    Task QueueWaitlistOfferAsync(BookingDbContext db, long entryId, CancellationToken cancellationToken);
}
