using BookingPortal.Features.Queue;
using BookingPortal.Features.Webhooks;
using BookingPortal.Infrastructure.Jobs;
using Quartz;

namespace BookingPortal.Features.Releases;

/// <summary>What a release.draw_committed webhook event says: the fingerprint of the seed the coming draw will use.</summary>
public sealed record DrawCommittedData(int ReleaseId, int ServiceId, long OpeningId, DateTime OpensAtUtc, string SeedCommitment);

/// <summary>
/// Publishes each coming opening's commitment before anyone can be drawn: from the time its lobby opens
/// (<see cref="ReleaseGate.LobbyOpensBefore"/> plus any early access) the opening and its seed exist,
/// and subscribers hear the seed's SHA-256 once. The seed itself stays secret until the draw.
/// </summary>
[ScopedService]
public sealed class DrawCommitments(IDbContextFactory<BookingDbContext> dbFactory, WebhookOutbox webhooks, TimeProvider time)
{
    public async Task<int> CommitUpcomingAsync(CancellationToken cancellationToken = default)
    {
        var nowUtc = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var releases = await db.Releases.AsNoTracking().Join(db.Services, r => r.ServiceId, s => s.Id, (r, s) => new { Release = r, s.TimeZoneId }).ToListAsync(cancellationToken);
        var committed = 0;
        foreach (var (release, zoneId) in releases.Select(x => (x.Release, x.TimeZoneId)))
        {
            var next = ReleaseSchedule.NextOpening(release, TimeZoneCache.Find(zoneId), nowUtc);
            if (next is not { } opensAt || opensAt - release.EarlyAccess - ReleaseGate.LobbyOpensBefore > nowUtc)
            {
                continue;
            }

            var opening = await ReleaseGate.EnsureOpeningAsync(db, release, opensAt, cancellationToken);
            // Keyed by the opening: a second run (or instance) tells the webhooks once.
            await webhooks.QueueAsync(db, WebhookEventTypes.ReleaseDrawCommitted, $"draw-committed:{opening.Id}",
                new DrawCommittedData(release.Id, release.ServiceId, opening.Id, opening.OpensAtUtc, PublicDraw.Commitment(opening.Seed)), cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                committed++;
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
            }
        }

        return committed;
    }
}

/// <summary>Runs <see cref="DrawCommitments"/> every minute.</summary>
public sealed class DrawCommitmentJob(DrawCommitments commitments) : DelegatingJob(commitments.CommitUpcomingAsync), IIntervalJob
{
    public static JobKey Key { get; } = new(nameof(DrawCommitmentJob), "releases");

    public static TimeSpan Interval { get; } = TimeSpan.FromMinutes(1);
}
