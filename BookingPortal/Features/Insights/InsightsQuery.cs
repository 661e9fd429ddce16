using BookingPortal.Features.Staff;

namespace BookingPortal.Features.Insights;

/// <summary>
/// One of the insights pages' queries over a service's <see cref="InsightsPeriod"/>: for staff only, the period worked
/// out in a fresh context and the page's query run over it in the same context.
/// </summary>
public abstract class InsightsQuery<T>(IDbContextFactory<BookingDbContext> dbFactory, TimeProvider time)
    where T : class
{
    /// <returns>Null when there is no such service.</returns>
    public async Task<T?> GetAsync(StaffActor actor, int serviceId, int weeksBack, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var period = await InsightsPeriod.ForAsync(db, serviceId, weeksBack, time.GetUtcNow().UtcDateTime, cancellationToken);
        return period is null ? null : await QueryAsync(db, period, cancellationToken);
    }

    protected abstract Task<T> QueryAsync(BookingDbContext db, InsightsPeriod period, CancellationToken cancellationToken);
}
