using BookingPortal.Infrastructure.Jobs;
using Quartz;

namespace BookingPortal.Features.Accounts;

/// <summary>
/// Finishes account closings that stopped half-way: an error or a restart after the booking gate shut but before
/// the data was removed leaves an account that takes no bookings yet still holds the person's name, address and
/// password. The customer asked for it to go, and may never come back to press the button again; so the closing
/// is run again for them (every step of it is safe to repeat), after a grace in which it may still be under way.
/// </summary>
[ScopedService]
public sealed class UnfinishedClosings(
    IDbContextFactory<BookingDbContext> dbFactory, AccountClosing closing, TimeProvider time, ILogger<UnfinishedClosings> logger)
{
    /// <summary>Longer than any closing takes (its cancellations included); the sweep runs as often.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(15);

    /// <returns>How many closings were finished.</returns>
    public async Task<int> FinishAsync(CancellationToken cancellationToken = default)
    {
        var startedBefore = time.GetUtcNow().UtcDateTime - Grace;
        List<(string Id, DateTime StartedUtc)> unfinished;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            unfinished = (await db.Users.AsNoTracking()
                    .Where(u => u.DeletedAtUtc != null && u.DeletedAtUtc <= startedBefore && u.UserName != AccountClosing.TombstonePrefix + u.Id)
                    .OrderBy(u => u.DeletedAtUtc).ThenBy(u => u.Id)
                    .Select(u => new { u.Id, u.DeletedAtUtc })
                    .ToListAsync(cancellationToken))
                .Select(u => (u.Id, u.DeletedAtUtc!.Value)).ToList();
        }

        var finished = 0;
        foreach (var (id, startedUtc) in unfinished)
        {
            logger.LogWarning("Finishing the closing of account {UserId}: it began at {StartedUtc:o} and stopped before the personal data was removed.", id, startedUtc);
            try
            {
                await closing.CloseAsync(id, cancellationToken);
                finished++;
            }
            catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
            {
                // One account that keeps failing must not keep every other one's data.
                logger.LogError(failure, "Could not finish closing account {UserId}; the next run tries again.", id);
            }
        }

        return finished;
    }
}

public sealed class UnfinishedClosingsJob(UnfinishedClosings closings) : DelegatingJob(closings.FinishAsync), IIntervalJob
{
    public static JobKey Key { get; } = new(nameof(UnfinishedClosingsJob), "accounts");

    public static TimeSpan Interval { get; } = UnfinishedClosings.Grace;
}
